// SMSPolicy: see the module's files.
