package dev.moduleagent.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.LaunchSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FrameworkPropertiesTest {

    private static final RuntimeVersions VERSIONS = new RuntimeVersions("0.1.0", "2.0.16", "1.6.1");
    private static final LaunchSettings SETTINGS = new LaunchSettings(Path.of("/opt/ma/system"),
            Path.of("/opt/ma/deploy"), Path.of("/opt/ma/data/felix-cache"), Map.of(), Duration.ofMillis(750));

    @Test
    void exportsEverySlf4jPackageAndTheConfigAdminApiWithExplicitVersions() {
        String extra = FrameworkProperties.of(SETTINGS, VERSIONS).get("org.osgi.framework.system.packages.extra");

        assertEquals("org.slf4j;version=\"2.0.16\",org.slf4j.event;version=\"2.0.16\","
                + "org.slf4j.helpers;version=\"2.0.16\",org.slf4j.spi;version=\"2.0.16\","
                + "org.osgi.service.cm;version=\"1.6.1\"", extra);
    }

    @Test
    void aDistributionScansItsDeployFolderOftenEnoughThatAJarIsSeenWithinAFifthOfASecond() {
        LaunchSettings distribution = new LaunchSettings(Path.of("/opt/ma/system"), Path.of("/opt/ma/deploy"),
                Path.of("/opt/ma/data/felix"), Map.of(), LaunchSettings.DEFAULT_POLL);

        long poll = Long.parseLong(FrameworkProperties.of(distribution, VERSIONS).get("felix.fileinstall.poll"));

        // FileInstall takes a file once it is unchanged on two scans
        assertTrue(2 * poll <= 200, "poll " + poll + " ms");
    }

    @Test
    void keepsConfigurationAdminsStoreOutsideTheKeptBundleCache() {
        String store = FrameworkProperties.of(SETTINGS, VERSIONS).get("felix.cm.dir");

        assertEquals("/opt/ma/data/config-admin", store);
        assertFalse(Path.of(store).startsWith(SETTINGS.storageDir()), store);
    }

    @Test
    void leavesTheCacheToTheLauncherAndPutsFileInstallsTemporaryFilesBesideIt() {
        Map<String, String> properties = FrameworkProperties.of(SETTINGS, VERSIONS);

        assertNull(properties.get("org.osgi.framework.storage.clean"), "the launcher keeps or cleans the cache");
        assertEquals("/opt/ma/data/fileinstall-tmp", properties.get("felix.fileinstall.tmpdir"));
    }

    @Test
    void tellsBundlesWhereTheDistributionIs() {
        assertEquals("/opt/ma", FrameworkProperties.of(SETTINGS, VERSIONS).get("moduleagent.home"));
    }

    @Test
    void watchesTheDeployFolderAtThePollIntervalWithoutInitialDelay() {
        Map<String, String> properties = FrameworkProperties.of(SETTINGS, VERSIONS);

        assertEquals("/opt/ma/deploy", properties.get("felix.fileinstall.dir"));
        assertEquals("750", properties.get("felix.fileinstall.poll"));
        assertEquals("true", properties.get("felix.fileinstall.noInitialDelay"));
        assertEquals("jul", properties.get("felix.fileinstall.log.default"));
    }

    @Test
    void picksUpJarsAndConfigurationsButNotFilesBeingCopied() {
        Pattern filter = Pattern.compile(FrameworkProperties.of(SETTINGS, VERSIONS).get("felix.fileinstall.filter"));

        assertTrue(filter.matcher("firmware-1.0.jar").matches());
        assertTrue(filter.matcher("dev.moduleagent.firmware.cfg").matches());
        assertTrue(!filter.matcher("firmware-1.0.jar.part").matches());
        assertTrue(!filter.matcher(".firmware-1.0.jar").matches());
        assertTrue(!filter.matcher("README.txt").matches());
    }
}
