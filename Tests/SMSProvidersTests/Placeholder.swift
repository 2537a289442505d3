import Testing
@testable import SMSProviders
