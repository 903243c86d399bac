package dev.moduleagent.agent.internal.deploy;

import dev.moduleagent.agent.internal.status.AgentReports;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plug-in jars of the deploy folder as the twin shows them ({@code agent.deploy}): one entry per jar, with the
 * bundle installed from it and its state, or why it is ignored (not a zip, no manifest, no Bundle-SymbolicName: such
 * jars FileInstall skips without a word) or why it does not run (installed, not resolved). An ignored jar is also
 * logged, once per version of the file. The list is reported only when it changes.
 */
public final class DeployFolderInventory {

    /** The {@code state} of a jar that cannot become a bundle. */
    static final String IGNORED = "IGNORED";
    static final String NOT_RESOLVED_ERROR = "does not resolve: a package or capability it requires is missing"
            + " (the log names it)";
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderInventory.class);
    /** IoT Hub keeps arrays in reported properties, not in desired; a folder is never that large. */
    private static final int MAX_ENTRIES = 100;

    private final Path folder;
    private final Pattern filter;
    private final Function<Path, Optional<InstalledBundle>> installed;
    private final AgentReports reports;
    private final Map<Path, Inspected> inspected = new HashMap<>();
    private List<Map<String, Object>> lastReported;

    /**
     * @param folder the deploy folder
     * @param filter the file names FileInstall reads (its {@code felix.fileinstall.filter})
     * @param installed the bundle installed from a jar, if any
     * @param reports where {@code deploy} goes
     */
    public DeployFolderInventory(Path folder, Pattern filter, Function<Path, Optional<InstalledBundle>> installed,
            AgentReports reports) {
        this.folder = folder.toAbsolutePath().normalize();
        this.filter = filter;
        this.installed = installed;
        this.reports = reports;
    }

    /**
     * Looks at the folder and the framework again; reports when anything changed. Never throws, so that the
     * scheduled refresh keeps running; a list that could not be reported is reported at the next refresh.
     */
    public synchronized void refresh() {
        List<Map<String, Object>> entries;
        try {
            entries = entries();
        } catch (IOException e) {
            LOG.warn("cannot list the deploy folder {}: {}", folder, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("cannot take the inventory of the deploy folder {}: {}", folder, e.toString());
            return;
        }
        if (entries.equals(lastReported)) {
            return;
        }
        try {
            reports.reportAgent(Map.of("deploy", entries));
            lastReported = entries;
        } catch (RuntimeException e) {
            LOG.warn("the deploy folder inventory was not reported ({}); trying again at the next refresh",
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
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Path jar : jars.subList(0, Math.min(jars.size(), MAX_ENTRIES))) {
            entries.add(entry(jar));
        }
        return entries;
    }

    private Map<String, Object> entry(Path jar) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", jar.getFileName().toString());
        Optional<InstalledBundle> bundle = installed.apply(jar);
        if (bundle.isPresent()) {
            entry.put("bundle", bundle.get().symbolicName());
            entry.put("version", bundle.get().version());
            entry.put("state", bundle.get().state());
            if (InstalledBundle.NOT_RESOLVED.equals(bundle.get().state())) {
                entry.put("error", NOT_RESOLVED_ERROR);
            }
            return entry;
        }
        Optional<String> problem = problem(jar);
        entry.put("state", problem.isPresent() ? IGNORED : "NEW");
        problem.ifPresent(reason -> entry.put("error", reason));
        return entry;
    }

    /** Inspects a jar once per version of the file (size and modification time), and logs why it is ignored. */
    private Optional<String> problem(Path jar) throws IOException {
        Inspected version = new Inspected(Files.size(jar), Files.getLastModifiedTime(jar).toMillis(), null);
        Inspected known = inspected.get(jar);
        if (known != null && known.sameFile(version)) {
            return Optional.ofNullable(known.problem());
        }
        Optional<String> problem = JarInspection.problem(jar);
        inspected.put(jar, new Inspected(version.size(), version.modified(), problem.orElse(null)));
        problem.ifPresent(reason -> LOG.warn("plug-in file {} is ignored: {}", jar.getFileName(), reason));
        return problem;
    }

    private record Inspected(long size, long modified, String problem) {
        boolean sameFile(Inspected other) {
            return size == other.size && modified == other.modified;
        }
    }
}
