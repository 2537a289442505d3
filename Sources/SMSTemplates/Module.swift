// SMSTemplates: see the module's files.
