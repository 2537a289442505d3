// SMSProviders: see the module's files.
