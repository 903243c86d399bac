package dev.moduleagent.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The agent's bundles as {@code runtime/agent.bndrun} lists them in {@code -runbundles} (resolved and checked at build
 * time by bnd), so that every framework (the distribution's, agent-core's integration tests', the conformance kit's)
 * runs the same list. The bndrun travels in this jar; the bundles' jars come from wherever a caller has them.
 */
public final class RunBundles {

    private static final String RESOURCE = "/dev/moduleagent/launcher/agent.bndrun";

    private final List<Entry> entries;

    /**
     * One bundle of the list.
     *
     * @param symbolicName its Bundle-SymbolicName
     * @param versions the versions that match
     */
    public record Entry(String symbolicName, VersionRange versions) {
    }

    private RunBundles(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return the agent's run bundles */
    public static RunBundles agent() {
        try (InputStream in = RunBundles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher jar");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param bndrun the text of a bndrun file
     * @return its {@code -runbundles}
     * @throws IllegalArgumentException when it has none, or one entry is malformed
     */
    public static RunBundles parse(String bndrun) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(bndrun));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String list = properties.getProperty("-runbundles");
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("the bndrun has no -runbundles (resolve it: mvn -pl runtime -am package)");
        }
        List<Entry> entries = new ArrayList<>();
        for (String clause : list.split(",(?=(?:[^']*'[^']*')*[^']*$)")) {
            entries.add(entry(clause.trim()));
        }
        return new RunBundles(entries);
    }

    private static Entry entry(String clause) {
        String[] parts = clause.split(";", 2);
        String range = "0";
        if (parts.length == 2 && parts[1].trim().startsWith("version=")) {
            range = parts[1].trim().substring("version=".length()).replace("'", "").replace("\"", "");
        }
        return new Entry(parts[0].trim(), new VersionRange(range));
    }

    /** @return the bundles, in the bndrun's order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * @param candidates jars to choose from (bundles or not)
     * @return for each bundle of the list, the first candidate that is that bundle in a matching version, in the
     *     list's order
     * @throws IOException when a candidate cannot be read, or a bundle of the list has no candidate (named)
     */
    public List<Path> select(Collection<Path> candidates) throws IOException {
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Entry entry : entries) {
            Path jar = find(entry, candidates);
            if (jar == null) {
                missing.add(entry.symbolicName() + " " + entry.versions());
            } else {
                found.add(jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("run bundles not found among " + candidates.size() + " jars: " + missing);
        }
        return found;
    }

    /**
     * @param candidates jars to choose from (bundles or not)
     * @param excludedPrefix symbolic names starting with this are left out
     * @return the bundles of the list found among the candidates, in the list's order
     * @throws IOException when a candidate cannot be read
     */
    public List<Path> selectAvailable(Collection<Path> candidates, String excludedPrefix) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Entry entry : entries) {
            Path jar = entry.symbolicName().startsWith(excludedPrefix) ? null : find(entry, candidates);
            if (jar != null) {
                found.add(jar);
            }
        }
        return found;
    }

    private static Path find(Entry entry, Collection<Path> candidates) throws IOException {
        for (Path candidate : candidates) {
            Attributes main = mainAttributes(candidate);
            String name = main == null ? null : main.getValue("Bundle-SymbolicName");
            if (name != null && name.split(";", 2)[0].trim().equals(entry.symbolicName())
                    && entry.versions().includes(Version.parseVersion(main.getValue("Bundle-Version")))) {
                return candidate;
            }
        }
        return null;
    }

    private static Attributes mainAttributes(Path jar) throws IOException {
        if (!jar.getFileName().toString().endsWith(".jar")) {
            return null;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes();
        } catch (IOException e) {
            throw new IOException(jar + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
