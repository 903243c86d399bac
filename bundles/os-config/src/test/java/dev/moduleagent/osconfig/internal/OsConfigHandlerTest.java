package dev.moduleagent.osconfig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.conformance.ApplyResult;
import dev.moduleagent.conformance.ConformanceKit;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsConfigHandlerTest {

    @TempDir
    Path root;
    private ConformanceKit kit;

    @BeforeEach
    void open() throws Exception {
        OsRoot.create(root);
        kit = ConformanceKit.forComponent("osconfig", () -> new OsConfigHandler(root));
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void writesTheStandardFilesAndReportsTheValuesReadBack() throws Exception {
        ApplyResult result = kit.expect(200, Map.of("timezone", "Europe/Berlin", "hostname", "gw-01.plant.example",
                "ntpServers", List.of("ntp1.example.org", "192.0.2.10", "2001:db8::1"), "logLevel", "warning"));
        assertEquals("Europe/Berlin\n", OsRoot.read(root, "etc/timezone"));
        assertEquals(Path.of("../usr/share/zoneinfo/Europe/Berlin"),
                Files.readSymbolicLink(root.resolve("etc/localtime")));
        assertEquals("gw-01.plant.example\n", OsRoot.read(root, "etc/hostname"));
        assertTrue(OsRoot.read(root, SystemFiles.JOURNALD_DROP_IN).contains("MaxLevelStore=warning\n"));
        assertEquals(Map.of("timezone", "Europe/Berlin", "hostname", "gw-01.plant.example",
                "ntpServers", List.of("ntp1.example.org", "192.0.2.10", "2001:db8::1"), "logLevel", "warning"),
                result.reportedValue("effective"));
    }

    @Test
    void setsNtpInTimesyncdConfKeepingItsOtherSettings() throws Exception {
        kit.expect(200, Map.of("ntpServers", "a.example.org, b.example.org"));
        assertEquals("""
                #  This file is part of systemd.
                [Time]
                #NTP=
                FallbackNTP=time.example.org
                RootDistanceMaxSec=5
                NTP=a.example.org b.example.org
                """, OsRoot.read(root, "etc/systemd/timesyncd.conf"));
    }

    @Test
    void restoresTheFilesAlreadyWrittenWhenALaterWriteFails() throws Exception {
        Path systemd = root.resolve("etc/systemd");
        Files.delete(systemd.resolve("timesyncd.conf"));
        Files.delete(systemd);
        Files.writeString(systemd, "a file where a folder should be");
        ApplyResult result = kit.expect(500, Map.of("timezone", "UTC", "hostname", "gw-02",
                "ntpServers", "pool.ntp.org"));
        assertTrue(result.outcome().description().endsWith("; previous values restored"),
                result.outcome().description());
        assertEquals("factory-name\n", OsRoot.read(root, "etc/hostname"));
        assertTrue(Files.notExists(root.resolve("etc/timezone")));
        assertTrue(Files.notExists(root.resolve("etc/localtime"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("factory-name", ((Map<?, ?>) result.reportedValue("effective")).get("hostname"));
    }

    @Test
    void failsWithoutTouchingAnythingWhenTheZoneFileIsMissing() throws Exception {
        ApplyResult result = kit.expect(500, Map.of("hostname", "gw-03", "timezone", "Asia/Tokyo"));
        assertTrue(result.outcome().description().contains("usr/share/zoneinfo/Asia/Tokyo"),
                result.outcome().description());
        assertEquals("factory-name\n", OsRoot.read(root, "etc/hostname"));
    }

    @Test
    void leavesFilesThatAlreadyHoldTheValueAlone() throws Exception {
        kit.expect(200, Map.of("hostname", "gw-04", "logLevel", "info"));
        Path hostname = root.resolve("etc/hostname");
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(hostname, written);
        ApplyResult again = kit.expect(200, Map.of("hostname", "gw-04", "logLevel", "info"));
        assertEquals("already in effect", again.outcome().description());
        assertEquals(written, Files.getLastModifiedTime(hostname));
    }

    @Test
    void rejectsAnUnknownTimezoneNamingIt() throws Exception {
        ApplyResult result = kit.expect(400, Map.of("timezone", "Mars/Base"));
        assertEquals("timezone 'Mars/Base' is not a known zone", result.outcome().description());
        assertTrue(Files.notExists(root.resolve("etc/timezone")));
    }
}
