@_exported import PreflightCore
@_exported import SMSEncoding
