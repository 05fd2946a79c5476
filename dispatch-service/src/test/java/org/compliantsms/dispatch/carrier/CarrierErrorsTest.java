package org.compliantsms.dispatch.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CarrierErrorsTest {
    final CarrierErrors defaults = CarrierErrors.defaults();

    @ParameterizedTest
    @CsvSource({
            "0x58, ESME_RTHROTTLED, TRANSIENT",
            "0x14, ESME_RMSGQFUL, TRANSIENT",
            "0x08, ESME_RSYSERR, TRANSIENT",
            "0x64, ESME_RX_T_APPN, TRANSIENT",
            "0x0B, ESME_RINVDSTADR, PERMANENT",
            "0x0A, ESME_RINVSRCADR, PERMANENT",
            "0x01, ESME_RINVMSGLEN, PERMANENT",
            "0x65, ESME_RX_P_APPN, PERMANENT",
            "0xC4, ESME_RINVOPTPARAMVAL, PERMANENT",
            "0xFF, ESME_RUNKNOWNERR, UNKNOWN" })
    void theSpecificationsStatusesAreClassed(String code, String name, ErrorClass expected) {
        CarrierError error = defaults.smpp(CarrierErrors.parse(code, "test"));
        assertEquals(expected, error.errorClass());
        assertEquals(name, error.name());
    }

    @Test
    void theErrorTextStartsWithTheCodeThenTheSpecificationsName() {
        assertEquals("smpp:0x0000000B ESME_RINVDSTADR invalid destination address", defaults.smpp(0x0B).text());
        CarrierError vendor = defaults.smpp(0x400);
        assertEquals(ErrorClass.UNKNOWN, vendor.errorClass());
        assertEquals("smpp:0x00000400 (not in the error table)", vendor.text());
    }

    @Test
    void aCarriersConfigurationMovesCodesAndAddsItsOwn() {
        CarrierErrors carrier = defaults.with(List.of("0x0B", "1024"), List.of("0x58", "0x401"), List.of("404"),
                List.of("503"));
        assertEquals(ErrorClass.TRANSIENT, carrier.smpp(0x0B).errorClass());
        assertEquals("ESME_RINVDSTADR", carrier.smpp(0x0B).name(), "a moved code keeps its name");
        assertEquals(ErrorClass.TRANSIENT, carrier.smpp(0x400).errorClass());
        assertEquals(ErrorClass.PERMANENT, carrier.smpp(0x58).errorClass());
        assertEquals(ErrorClass.PERMANENT, carrier.smpp(0x401).errorClass());
        assertEquals(ErrorClass.TRANSIENT, carrier.http(404, "Not Found").errorClass());
        assertEquals(ErrorClass.PERMANENT, carrier.http(503, "Service Unavailable").errorClass());
        assertEquals(ErrorClass.PERMANENT, defaults.smpp(0x0B).errorClass(), "the defaults are left as they were");
    }

    @ParameterizedTest
    @CsvSource({ "429, TRANSIENT", "408, TRANSIENT", "500, TRANSIENT", "503, TRANSIENT", "400, PERMANENT",
            "404, PERMANENT", "422, PERMANENT", "302, UNKNOWN" })
    void httpStatusesHaveDefaultsToo(int status, ErrorClass expected) {
        CarrierError error = defaults.http(status, "reason");
        assertEquals(expected, error.errorClass());
        assertTrue(error.text().startsWith("http:" + status + " "), error.text());
    }

    @Test
    void aBadOrContradictoryConfigurationIsRefusedWithTheKey() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> defaults.with(List.of("0x58"), List.of("88"), List.of(), List.of()));
        assertTrue(both.getMessage().contains("0x58") && both.getMessage().contains("dispatch.carrier.errors"),
                both.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> defaults.with(List.of("throttled"), List.of(), List.of(), List.of()));
        assertTrue(bad.getMessage().contains("dispatch.carrier.errors.transient"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.with(List.of("0"), List.of(), List.of(),
                List.of()));
    }
}
