import Testing
@testable import SMSTemplates
