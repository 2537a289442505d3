import Testing
@testable import SMSPolicy
