package dev.moduleagent.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void survivesTheRoundTripThroughItsTextForm() {
        BundleFingerprint fingerprint = new BundleFingerprint(4711, 1_700_000_000_123L);

        assertEquals(fingerprint, BundleFingerprint.parse(fingerprint.toString()));
    }

    @Test
    void readsNothingFromGarbage() {
        assertNull(BundleFingerprint.parse(null));
        assertNull(BundleFingerprint.parse("12"));
        assertNull(BundleFingerprint.parse("a:b"));
        assertNull(BundleFingerprint.parse("1:2:3"));
    }

    @Test
    void changesWhenAJarIsRewrittenWithTheSameSize() throws Exception {
        Path jar = Files.write(dir.resolve("a.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        BundleFingerprint before = BundleFingerprint.of(jar);

        Files.write(jar, new byte[] {4, 5, 6});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

        assertNotEquals(before, BundleFingerprint.of(jar));
        assertEquals(3, BundleFingerprint.of(jar).size());
    }
}
