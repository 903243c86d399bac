package dev.moduleagent.osconfig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hostname   | -gateway       | hostname '-gateway' is not an RFC 1123 host name",
        "hostname   | gw_01          | hostname 'gw_01' is not an RFC 1123 host name",
        "hostname   | gw..example    | hostname 'gw..example' is not an RFC 1123 host name",
        "timezone   | Europe/Berln   | timezone 'Europe/Berln' is not a known zone",
        "timezone   | +02:00         | timezone '+02:00' is not a known zone",
        "logLevel   | verbose        | logLevel 'verbose' is not one of"
            + " [emerg, alert, crit, err, warning, notice, info, debug]",
        "ntpServers | ntp.example.org 300.1.2.3:: | NTP server '300.1.2.3::' is not a host name or IP address",
        "ntpServers | bad_name.org   | NTP server 'bad_name.org' is not a host name or IP address",
        "locale     | de_DE          | unknown property 'locale';"
            + " osconfig takes timezone, ntpServers, hostname and logLevel",
    })
    void rejectsAWrongValueNamingIt(String key, String value, String reason) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OsSettings.parse(Map.of(key, value)));
        assertEquals(reason, error.getMessage());
    }

    @Test
    void rejectsAHostNameWithALabelLongerThan63Characters() {
        String name = "a".repeat(64) + ".example";
        assertThrows(IllegalArgumentException.class, () -> OsSettings.parse(Map.of("hostname", name)));
    }

    @Test
    void acceptsNtpServersAsAListOrAsOneText() {
        List<String> servers = List.of("0.pool.ntp.org", "192.0.2.1", "fe80::1");
        assertEquals(servers, OsSettings.parse(Map.of("ntpServers", servers)).ntpServers());
        assertEquals(servers, OsSettings.parse(Map.of("ntpServers", "0.pool.ntp.org 192.0.2.1,fe80::1")).ntpServers());
    }

    @Test
    void rejectsMoreThanEightNtpServers() {
        String nine = "a b c d e f g h i";
        assertEquals("ntpServers needs 1 to 8 servers, not 9",
                assertThrows(IllegalArgumentException.class, () -> OsSettings.parse(Map.of("ntpServers", nine)))
                        .getMessage());
    }
}
