package org.compliantsms.compliance.numbers;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Rule;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.RejectionReason;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/** Any other type that cannot receive SMS (toll free, VoIP, pager, voicemail, UAN ...) is INVALID_NUMBER. */
@ApplicationScoped
public class SmsCapableRule implements Rule {
    @Override
    public String name() {
        return "number.sms-capable";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        PhoneNumberType type = message.number().type();
        if (message.number().smsCapable() || type == PhoneNumberType.FIXED_LINE) {
            return Decision.APPROVE; // a fixed line allowed by the landline rule
        }
        return reject(RejectionReason.INVALID_NUMBER, "not a mobile number (" + type + "): " + message.masked());
    }
}
