package dev.moduleagent.firmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Validation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirmwareRequestTest {

    private static final String SHA = "a".repeat(64);

    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sha256 | abc           | sha256 'abc' is not 64 hexadecimal digits",
        "url    | ftp://h/i.bin | url 'ftp://h/i.bin' is not an http, https or file URL",
        "url    | http:///x     | url 'http:///x' is not an http, https or file URL",
        "version| ../etc        | version '../etc' is not 1-64 letters, digits, '.', '_', '+' or '-'",
        "sizes  | 1             | unknown property 'sizes'; firmware takes [version, url, sha256, size]",
    })
    void rejectsAWrongValueNamingIt(String key, String value, String reason) {
        Map<String, Object> section = valid();
        section.put(key, value);
        assertRejected(section, reason);
    }

    @Test
    void rejectsASizeThatIsNotAPositiveWholeNumber() {
        Map<String, Object> section = valid();
        section.put("size", -5L);
        assertRejected(section, "size -5 is not between 1 and 1073741824 bytes");
        section.put("size", 2.5);
        assertRejected(section, "size 2.5 is not a whole number of bytes");
    }

    @Test
    void rejectsAMissingVersion() {
        Map<String, Object> section = valid();
        section.remove("version");
        assertRejected(section, "version is missing or not a text: null");
    }

    @Test
    void acceptsASizeSentAsADouble() {
        Map<String, Object> section = valid();
        section.put("size", 1024.0);
        assertEquals(1024, FirmwareRequest.parse(section, 1L << 30).size());
    }

    private void assertRejected(Map<String, Object> properties, String reason) {
        Validation validation = new FirmwareFixture(root).updater()
                .validate(new DesiredSection("firmware", 1, properties));
        assertFalse(validation.accepted());
        assertEquals(reason, validation.reason());
    }

    private static Map<String, Object> valid() {
        Map<String, Object> section = new HashMap<>();
        section.put("version", "1.0");
        section.put("url", "https://updates.example/fw.bin");
        section.put("sha256", SHA);
        section.put("size", 1024L);
        return section;
    }
}
