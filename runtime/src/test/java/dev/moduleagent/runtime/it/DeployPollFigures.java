package dev.moduleagent.runtime.it;

import java.io.OutputStream;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.jar.*;
import org.osgi.framework.*;
import org.osgi.framework.launch.*;

/**
 * Paired figures, not a test: a jar moved into a FileInstall folder until its bundle is STARTED, with the former
 * poll (1000 ms) and the shipped one (100 ms) alternately in fresh frameworks, 3 jars each; prints min/median/max and
 * the ratio of the medians. Run after {@code package} (arguments: the FileInstall jar, rounds):
 * {@code java -cp <felix framework jar> runtime/src/test/java/dev/moduleagent/runtime/it/DeployPollFigures.java
 * runtime/target/agent-dist/system/org.apache.felix.fileinstall-3.7.4.jar 4}.
 */
public final class DeployPollFigures {
    public static void main(String[] args) throws Exception {
        Path fileinstall = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Map<Integer, List<Long>> figures = new TreeMap<>();
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (int poll : r % 2 == 0 ? new int[] {1000, 100} : new int[] {100, 1000}) {
                Path dir = Files.createTempDirectory("deploy-poll");
                Path deploy = Files.createDirectories(dir.resolve("deploy"));
                Map<String, String> props = new HashMap<>();
                props.put("org.osgi.framework.storage", dir.resolve("cache").toString());
                props.put("org.osgi.framework.storage.clean", "onFirstInit");
                props.put("felix.fileinstall.dir", deploy.toString());
                props.put("felix.fileinstall.poll", Integer.toString(poll));
                props.put("felix.fileinstall.noInitialDelay", "true");
                props.put("felix.fileinstall.bundles.new.start", "true");
                props.put("felix.fileinstall.filter", "[^.].*\\.(jar|cfg|config)");
                props.put("felix.fileinstall.log.level", "0");
                Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
                framework.start();
                BlockingQueue<String> started = new LinkedBlockingQueue<>();
                framework.getBundleContext().addBundleListener(e -> {
                    if (e.getType() == BundleEvent.STARTED) started.add(e.getBundle().getSymbolicName());
                });
                framework.getBundleContext().installBundle(fileinstall.toUri().toString()).start();
                started.poll(5, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    String name = "probe" + (n++);
                    Path staged = jar(dir.resolve(name + ".staged"), name);
                    long t0 = System.nanoTime();
                    Files.move(staged, deploy.resolve(name + ".jar"), StandardCopyOption.ATOMIC_MOVE);
                    while (true) {
                        String s = started.poll(30, TimeUnit.SECONDS);
                        if (s == null) throw new IllegalStateException("not started: " + name);
                        if (s.equals(name)) break;
                    }
                    figures.computeIfAbsent(poll, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1_000_000);
                }
                framework.stop();
                framework.waitForStop(10_000);
            }
        }
        figures.forEach((poll, ms) -> {
            List<Long> sorted = new ArrayList<>(ms);
            Collections.sort(sorted);
            System.out.printf("poll=%d ms: jar moved in -> bundle started, n=%d, min %d / median %d / max %d ms%n", poll,
                sorted.size(), sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        });
        long oldMedian = median(figures.get(1000)), newMedian = median(figures.get(100));
        System.out.printf("ratio new/old (medians): %.2f%n", newMedian / (double) oldMedian);
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static Path jar(Path file, String name) throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name);
        a.putValue("Bundle-Version", "1.0.0");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) { }
        return file;
    }
}
