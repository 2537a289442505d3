// SMSLinks: see the module's files.
