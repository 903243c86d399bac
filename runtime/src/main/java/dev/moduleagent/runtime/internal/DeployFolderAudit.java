package dev.moduleagent.runtime.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the jars of the deploy folder that can never become plug-ins (not a zip, no manifest, no
 * Bundle-SymbolicName), once per version of each file. FileInstall ignores those silently; bundles that do not
 * resolve it reports itself. Runs on the launcher's scheduler at the folder's poll interval.
 */
public final class DeployFolderAudit implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderAudit.class);

    private final Path folder;
    private final Pattern filter;
    private final Map<Path, BundleFingerprint> seen = new HashMap<>();

    /**
     * @param folder the deploy folder
     * @param filter the file-name pattern FileInstall watches
     */
    public DeployFolderAudit(Path folder, Pattern filter) {
        this.folder = folder;
        this.filter = filter;
    }

    @Override
    public void run() {
        Set<Path> present = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : files) {
                if (filter.matcher(jar.getFileName().toString()).matches() && Files.isRegularFile(jar)) {
                    present.add(jar);
                    inspect(jar);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the deploy folder {}: {}", folder, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("deploy folder audit failed: {}", e.toString()); // keep the scheduled task alive
        }
        seen.keySet().retainAll(present);
    }

    private void inspect(Path jar) throws IOException {
        BundleFingerprint fingerprint = BundleFingerprint.of(jar);
        if (fingerprint.equals(seen.put(jar, fingerprint))) {
            return;
        }
        Optional<String> problem = JarInspection.problem(jar);
        problem.ifPresent(reason -> LOG.warn("plug-in file {} is ignored: {}", jar.getFileName(), reason));
    }
}
