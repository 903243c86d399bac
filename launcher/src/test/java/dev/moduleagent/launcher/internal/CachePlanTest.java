package dev.moduleagent.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachePlanTest {

    private static final BundleFingerprint OLD = new BundleFingerprint(100, 1_000);
    private static final BundleFingerprint SAME_SIZE_NEWER = new BundleFingerprint(100, 2_000);
    private static final BundleFingerprint OTHER_SIZE = new BundleFingerprint(120, 1_000);

    @Test
    void installsEveryJarIntoAnEmptyCache() {
        CachePlan plan = CachePlan.of(Map.of("file:/s/b.jar", OLD, "file:/s/a.jar", OLD), Set.of(),
                Map.of());

        assertEquals(List.of("file:/s/a.jar", "file:/s/b.jar"), plan.install());
        assertEquals(List.of(), plan.update());
        assertEquals(List.of(), plan.uninstall());
    }

    @Test
    void updatesABundleWhoseJarWasReplacedWithTheSameSize() {
        CachePlan plan = CachePlan.of(Map.of("file:/s/a.jar", SAME_SIZE_NEWER), Set.of("file:/s/a.jar"),
                Map.of("file:/s/a.jar", OLD));

        assertEquals(List.of("file:/s/a.jar"), plan.update());
        assertEquals(List.of(), plan.unchanged());
    }

    @Test
    void updatesABundleWhoseJarChangedSize() {
        CachePlan plan = CachePlan.of(Map.of("file:/s/a.jar", OTHER_SIZE), Set.of("file:/s/a.jar"),
                Map.of("file:/s/a.jar", OLD));

        assertEquals(List.of("file:/s/a.jar"), plan.update());
    }

    @Test
    void updatesACachedBundleWithNoRecordedFingerprint() {
        CachePlan plan = CachePlan.of(Map.of("file:/s/a.jar", OLD), Set.of("file:/s/a.jar"), Map.of());

        assertEquals(List.of("file:/s/a.jar"), plan.update());
    }

    @Test
    void keepsAnUnchangedBundle() {
        CachePlan plan = CachePlan.of(Map.of("file:/s/a.jar", OLD), Set.of("file:/s/a.jar"),
                Map.of("file:/s/a.jar", OLD));

        assertEquals(List.of("file:/s/a.jar"), plan.unchanged());
        assertEquals(List.of(), plan.install());
        assertEquals(List.of(), plan.update());
    }

    @Test
    void uninstallsABundleWhoseJarLeftTheFolder() {
        CachePlan plan = CachePlan.of(Map.of("file:/s/a-2.0.jar", OLD),
                Set.of("file:/s/a-1.0.jar"), Map.of("file:/s/a-1.0.jar", OLD));

        assertEquals(List.of("file:/s/a-1.0.jar"), plan.uninstall());
        assertEquals(List.of("file:/s/a-2.0.jar"), plan.install());
    }
}
