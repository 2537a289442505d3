import Testing
@testable import SMSLinks
