package dev.moduleagent.agent.internal.deploy;

import dev.moduleagent.agent.internal.status.AgentReports;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plug-in jars of the deploy folder as the twin shows them ({@code agent.deploy}): one entry per jar, with the
 * bundle installed from it and its state, or why it is ignored (not a zip, no manifest, no Bundle-SymbolicName: such
 * jars FileInstall skips without a word), why it does not run (installed, not resolved), or that FileInstall has not
 * installed it for longer than it takes (a second jar of an installed bundle, a bad manifest header), or why it did not
 * start (its activator threw: {@code RESOLVED} with the exception's message). An ignored jar
 * is also logged, once per version of the file. The list is reported only when it changes, and kept within
 * {@value #MAX_REPORT_CHARS} characters so that it fits IoT Hub's 32 KB twin limit beside everything else.
 */
public final class DeployFolderInventory {

    /** The {@code state} of a jar that cannot become a bundle. */
    static final String IGNORED = "IGNORED";
    /** The {@code state} of a bundle jar FileInstall has not installed within the grace time. */
    static final String NOT_INSTALLED = "NOT_INSTALLED";
    static final String NOT_RESOLVED_ERROR = "does not resolve: a package or capability it requires is missing"
            + " (the log names it)";
    static final String NOT_INSTALLED_ERROR = "not installed: a bundle with the same symbolic name and version may"
            + " be installed already, or a manifest header is invalid (the log names it)";
    /** Room for {@code deploy} in the {@code agent} component; the rest is counted in a last entry. */
    static final int MAX_REPORT_CHARS = 8 * 1024;
    private static final int MAX_TEXT = 200;
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderInventory.class);

    private final Path folder;
    private final Pattern filter;
    private final Supplier<Map<Path, InstalledBundle>> installed;
    private final AgentReports reports;
    private final Duration installGrace;
    private final LongSupplier nanoTime;
    private final Map<Path, Inspected> inspected = new HashMap<>();
    private List<Map<String, Object>> lastReported;

    /**
     * @param folder the deploy folder
     * @param filter the file names FileInstall reads (its {@code felix.fileinstall.filter})
     * @param installed the bundles installed from files, by the file's absolute normalized path (asked once per refresh)
     * @param reports where {@code deploy} goes
     * @param installGrace how long a bundle jar may wait for FileInstall before it is reported as not installed
     * @param nanoTime the clock ({@link System#nanoTime()})
     */
    public DeployFolderInventory(Path folder, Pattern filter, Supplier<Map<Path, InstalledBundle>> installed,
            AgentReports reports, Duration installGrace, LongSupplier nanoTime) {
        this.folder = folder.toAbsolutePath().normalize();
        this.filter = filter;
        this.installed = installed;
        this.reports = reports;
        this.installGrace = installGrace;
        this.nanoTime = nanoTime;
    }

    /**
     * Looks at the folder and the framework again; reports when anything changed. Never throws, so that the
     * scheduled refresh keeps running. A report that failed for a passing reason is tried again at the next refresh;
     * one the agent refuses (it breaks a twin rule) is logged once and not retried until the list changes.
     */
    public synchronized void refresh() {
        List<Map<String, Object>> entries;
        try {
            entries = bounded(entries());
        } catch (IOException e) {
            LOG.warn("deploy folder unreadable folder={} reason=\"{}\"", folder, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("deploy folder inventory failed folder={} reason=\"{}\"", folder, e.toString());
            return;
        }
        if (entries.equals(lastReported)) {
            return;
        }
        try {
            reports.reportAgent(Map.of("deploy", entries));
            lastReported = entries;
        } catch (IllegalArgumentException e) {
            lastReported = entries;
            LOG.warn("deploy folder inventory refused reason=\"{}\" retry=on-change",
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("deploy folder inventory not reported reason=\"{}\" retry=next-refresh",
                    e.toString());
        }
    }

    private List<Map<String, Object>> entries() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : files) {
                if (filter.matcher(jar.getFileName().toString()).matches() && Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            }
        }
        jars.sort(null);
        inspected.keySet().retainAll(jars);
        Map<Path, InstalledBundle> bundles = installed.get();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Path jar : jars) {
            entries.add(entry(jar, Optional.ofNullable(bundles.get(jar.toAbsolutePath().normalize()))));
        }
        return entries;
    }

    /** The entries that fit in {@link #MAX_REPORT_CHARS}, and a last one counting those left out. */
    private static List<Map<String, Object>> bounded(List<Map<String, Object>> entries) {
        List<Map<String, Object>> kept = new ArrayList<>();
        int chars = 0;
        for (Map<String, Object> entry : entries) {
            int size = entry.toString().length() + 16; // quotes and separators of the JSON form
            if (chars + size > MAX_REPORT_CHARS) {
                kept.add(Map.of("file", "…", "state", "TRUNCATED",
                        "error", (entries.size() - kept.size()) + " more jars not listed"));
                return kept;
            }
            chars += size;
            kept.add(entry);
        }
        return kept;
    }

    private Map<String, Object> entry(Path jar, Optional<InstalledBundle> bundle) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", shortened(jar.getFileName().toString()));
        if (bundle.isPresent()) {
            entry.put("bundle", shortened(bundle.get().symbolicName()));
            entry.put("version", shortened(bundle.get().version()));
            entry.put("state", bundle.get().state());
            if (InstalledBundle.NOT_RESOLVED.equals(bundle.get().state())) {
                entry.put("error", NOT_RESOLVED_ERROR);
            } else if ("RESOLVED".equals(bundle.get().state()) && bundle.get().startError() != null) {
                entry.put("error", shortened(bundle.get().startError()));
            }
            return entry;
        }
        Inspected file = inspect(jar);
        if (file.problem() != null) {
            entry.put("state", IGNORED);
            entry.put("error", shortened(file.problem()));
        } else if (nanoTime.getAsLong() - file.firstSeenNanos() > installGrace.toNanos()) {
            entry.put("state", NOT_INSTALLED);
            entry.put("error", NOT_INSTALLED_ERROR);
        } else {
            entry.put("state", "NEW");
        }
        return entry;
    }

    /** Inspects a jar once per version of the file (size and modification time), and logs why it is ignored. */
    private Inspected inspect(Path jar) throws IOException {
        long size = Files.size(jar);
        long modified = Files.getLastModifiedTime(jar).toMillis();
        Inspected known = inspected.get(jar);
        if (known != null && known.size() == size && known.modified() == modified) {
            return known;
        }
        Optional<String> problem = JarInspection.problem(jar);
        problem.ifPresent(reason -> LOG.warn("plug-in file ignored file={} reason=\"{}\"", jar.getFileName(), reason));
        Inspected now = new Inspected(size, modified, problem.orElse(null), nanoTime.getAsLong());
        inspected.put(jar, now);
        return now;
    }

    private static String shortened(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /** One version of a jar file: what inspection found, and since when it waits for FileInstall. */
    private record Inspected(long size, long modified, String problem, long firstSeenNanos) {
    }
}
