package dev.moduleagent.agent.internal.deploy;

import dev.moduleagent.agent.internal.status.AgentReports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Keeps {@link DeployFolderInventory} current inside the framework: on every bundle event, and at the folder's poll
 * interval for jars that never become bundles, and when FileInstall reports that a bundle failed to start
 * ({@link StartFailures}). Off when the framework has no FileInstall folder ({@code felix.fileinstall.dir}).
 */
public final class DeployFolderWatch implements AutoCloseable {

    private static final String DIR = "felix.fileinstall.dir";
    private static final String FILTER = "felix.fileinstall.filter";
    private static final String POLL = "felix.fileinstall.poll";
    private static final Pattern DEFAULT_FILTER = Pattern.compile("[^.].*\\.jar");

    private final BundleContext context;
    private final ScheduledExecutorService thread;
    private final BundleListener listener;
    private final StartFailures startFailures;

    private DeployFolderWatch(BundleContext context, DeployFolderInventory inventory, Duration poll,
            StartFailures startFailures) {
        this.context = context;
        this.startFailures = startFailures;
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread watcher = new Thread(task, "agent-deploy-folder");
            watcher.setDaemon(true);
            return watcher;
        });
        listener = event -> refreshSoon(inventory);
        context.addBundleListener(listener);
        thread.scheduleWithFixedDelay(() -> refresh(inventory), 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param context the agent bundle's context
     * @param reports where the inventory goes
     * @return the running watch, or empty when the framework has no deploy folder
     * @throws IllegalArgumentException when the folder or the filter of the framework properties is malformed
     */
    public static Optional<DeployFolderWatch> start(BundleContext context, AgentReports reports) {
        String dir = context.getProperty(DIR);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        String filter = context.getProperty(FILTER);
        Duration poll = poll(context.getProperty(POLL));
        Runnable[] refresh = {() -> { }};
        StartFailures failures = new StartFailures(() -> refresh[0].run());
        DeployFolderInventory inventory = new DeployFolderInventory(Path.of(dir),
                filter == null || filter.isBlank() ? DEFAULT_FILTER : Pattern.compile(filter),
                () -> installedBundles(context, failures), reports, poll.multipliedBy(5), System::nanoTime);
        DeployFolderWatch watch = new DeployFolderWatch(context, inventory, poll, failures);
        refresh[0] = () -> watch.refreshSoon(inventory);
        failures.attach();
        return Optional.of(watch);
    }

    private void refreshSoon(DeployFolderInventory inventory) {
        try {
            thread.execute(() -> refresh(inventory));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Refreshes, except while the framework stops: it then stops the deploy folder's bundles (RESOLVED, still marked
     * started), which would read as start failures; the twin keeps the inventory of the run that is ending.
     */
    private void refresh(DeployFolderInventory inventory) {
        if (!frameworkStopping(context)) {
            inventory.refresh();
        }
    }

    static boolean frameworkStopping(BundleContext context) {
        try {
            Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
            return framework == null || (framework.getState() & (Bundle.STOPPING | Bundle.RESOLVED)) != 0;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** @return every bundle installed from a file, by that file's path: one pass over the framework per refresh */
    private static Map<Path, InstalledBundle> installedBundles(BundleContext context, StartFailures failures) {
        Map<Path, InstalledBundle> bundles = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            String state = stateName(bundle.getState());
            String startError = bundle.getState() == Bundle.RESOLVED ? failures.failure(bundle.getLocation())
                    .orElseGet(() -> failedToStart(bundle) ? StartFailures.UNKNOWN : null) : null;
            file(bundle.getLocation()).ifPresent(file -> bundles.put(file, new InstalledBundle(
                    bundle.getSymbolicName(), bundle.getVersion().toString(), state, startError)));
        }
        return bundles;
    }

    /**
     * A bundle FileInstall started for good that is only RESOLVED has failed to start, also when that happened before
     * the agent listened (a broken jar present at boot); fragments never start.
     */
    private static boolean failedToStart(Bundle bundle) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null && level != null
                && level.isPersistentlyStarted();
    }

    /** FileInstall installs a jar from its file URI ({@code file:/…/deploy/x.jar}). */
    private static Optional<Path> file(String location) {
        if (location == null || !location.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(location)).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> InstalledBundle.NOT_RESOLVED;
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }

    /**
     * The inventory's own period: FileInstall's poll, but at least a second (bundle events refresh it at once; the
     * period only catches jars that never become bundles, and five periods are the grace before "not installed").
     */
    private static Duration poll(String millis) {
        try {
            return Duration.ofMillis(Math.max(1000, Long.parseLong(millis == null ? "2000" : millis.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(2);
        }
    }

    @Override
    public void close() {
        startFailures.close();
        try {
            context.removeBundleListener(listener);
        } catch (IllegalStateException e) {
            // the bundle is stopping
        }
        thread.shutdownNow();
    }
}
