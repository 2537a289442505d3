@_exported import PhoneNumbers
@_exported import PreflightCore
@_exported import SMSEncoding
@_exported import SMSLinks
@_exported import SMSPolicy
@_exported import SMSTemplates
@_exported import SMSProviders
