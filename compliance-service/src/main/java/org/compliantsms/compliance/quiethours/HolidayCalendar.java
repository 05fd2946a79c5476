package org.compliantsms.compliance.quiethours;

import java.time.LocalDate;

/** Public holidays of one place. */
public interface HolidayCalendar {
    boolean isHoliday(LocalDate day);

    default HolidayCalendar or(HolidayCalendar other) {
        HolidayCalendar self = this;
        return new HolidayCalendar() {
            @Override
            public boolean isHoliday(LocalDate day) {
                return self.isHoliday(day) || other.isHoliday(day);
            }

            @Override
            public String toString() {
                return self + "+" + other;
            }
        };
    }
}
