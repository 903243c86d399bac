package dev.moduleagent.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BundleLocationsTest {

    private static final Path DEPLOY = Path.of("/opt/module-agent/deploy");

    @Test
    void matchesTheWayFileInstallWritesLocations() {
        assertTrue(BundleLocations.isIn("file:/opt/module-agent/deploy/hello-1.0.jar", DEPLOY));
    }

    @Test
    void matchesTheWayPathsWriteLocations() {
        assertTrue(BundleLocations.isIn("file:///opt/module-agent/deploy/hello-1.0.jar", DEPLOY));
    }

    @Test
    void rejectsOtherFoldersAndOtherSchemes() {
        assertFalse(BundleLocations.isIn("file:/opt/module-agent/deploy-old/hello.jar", DEPLOY));
        assertFalse(BundleLocations.isIn("file:/opt/module-agent/system/scr.jar", DEPLOY));
        assertFalse(BundleLocations.isIn("System Bundle", DEPLOY));
        assertFalse(BundleLocations.isIn("http://example.com/deploy/x.jar", DEPLOY));
        assertFalse(BundleLocations.isIn("reference:file:/opt/module-agent/deploy/x.jar", DEPLOY));
    }
}
