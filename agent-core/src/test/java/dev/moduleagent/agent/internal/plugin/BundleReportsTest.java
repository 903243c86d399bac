package dev.moduleagent.agent.internal.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moduleagent.api.ReportedProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BundleReportsTest {

    private final List<String> written = new ArrayList<>();
    private final ReportedProperties target = (component, properties) -> written.add(component + properties);
    private final AtomicReference<Set<String>> owned = new AtomicReference<>(Set.of("sysinfo"));
    private final AtomicReference<Set<String>> ownedByOthers = new AtomicReference<>(Set.of());
    private final BundleReports reports = new BundleReports("dev.acme.sysinfo", owned::get,
            component -> ownedByOthers.get().contains(component), target);

    @Test
    void writesTheComponentsItsBundleOwns() {
        reports.report("sysinfo", Map.of("cpus", 4L));

        assertEquals(List.of("sysinfo{cpus=4}"), written);
    }

    @Test
    void refusesAnotherBundlesComponentNamingTheBundleAndWhatItOwns() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> reports.report("firmware", Map.of("version", "6.6.6")));

        assertEquals("bundle dev.acme.sysinfo may not report component 'firmware': it reports only the components"
                + " its ComponentHandler or CommandHandler services name [sysinfo]", refused.getMessage());
        assertEquals(List.of(), written);
    }

    @Test
    void ownershipFollowsTheBundlesServicesAsTheyComeAndGo() {
        owned.set(Set.of());
        assertThrows(IllegalArgumentException.class, () -> reports.report("sysinfo", Map.of("cpus", 4L)));

        owned.set(Set.of("sysinfo", "firmware"));
        reports.report("firmware", Map.of("slot", "B"));

        assertEquals(List.of("firmware{slot=B}"), written);
    }

    @Test
    void aBundleWithdrawsWhatItReportedAfterItsHandlerWasUnregisteredUnlessAnotherBundleOwnsItNow() {
        reports.report("sysinfo", Map.of("cpus", 4L));
        owned.set(Set.of()); // Declarative Services unregisters the handler before it calls @Deactivate

        reports.report("sysinfo", java.util.Collections.singletonMap("cpus", null));
        ownedByOthers.set(Set.of("sysinfo"));
        assertThrows(IllegalArgumentException.class, () -> reports.report("sysinfo", Map.of("cpus", 8L)));
        assertThrows(IllegalArgumentException.class, () -> reports.report("firmware", Map.of("slot", "B")),
                "a component it never wrote stays refused");

        assertEquals(List.of("sysinfo{cpus=4}", "sysinfo{cpus=null}"), written);
    }
}
