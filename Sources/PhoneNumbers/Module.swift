// PhoneNumbers: see the module's files.
