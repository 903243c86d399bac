package dev.moduleagent.agent.internal.deployment;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of the agent's own desired section: its {@code plugins} map is the set of plug-ins the agent deploys
 * (download, sha256, signature, install, health gate, rollback), and every plug-in's progress and outcome is an IoT
 * Plug and Play ack {@code {value, ac, av, ad}} in the reported {@code agent.deployments.<name>} (the reported
 * {@code agent.plugins} holds the plug-in inventory); the {@code plugins} property itself gets the overall ack.
 * Plug-ins that leave the map are uninstalled (only those this deployer installed).
 */
public final class PluginDeployer implements ComponentHandler {

    /** The desired property holding the plug-ins. */
    public static final String PLUGINS = "plugins";
    /** The reported property holding one ack per plug-in. */
    public static final String DEPLOYMENTS = "deployments";

    private static final Logger LOG = LoggerFactory.getLogger(PluginDeployer.class);

    private final PluginFiles files;
    private final Deployment deployment;
    private final BundleDeployer bundles;
    private final Consumer<String> rehand;
    private final CountDownLatch recovered = new CountDownLatch(1);

    private PluginDeployer(PluginFiles files, Deployment deployment, BundleDeployer bundles, Consumer<String> rehand) {
        this.files = files;
        this.deployment = deployment;
        this.bundles = bundles;
        this.rehand = rehand;
    }

    /**
     * Creates the deployer and, on a thread of its own, restores the plug-ins it deployed before (rolling back any
     * deployment a stop cut short). {@link #apply} waits for that.
     *
     * @param context the agent bundle's context
     * @param settings the {@code plugins.*} configuration
     * @param rehand hands a component's newest desired section to its plug-in again (after a rollback)
     * @return the deployer
     * @throws IOException when the trust file cannot be read
     */
    public static PluginDeployer start(BundleContext context, DeploymentSettings settings, Consumer<String> rehand)
            throws IOException {
        PluginFiles files = new PluginFiles(settings.folder());
        BundleDeployer bundles = new BundleDeployer(context);
        Deployment deployment = new Deployment(files, new JarDownload(settings.maxBytes(), settings.proxy()),
                JarSignatureCheck.load(settings.trustFile(), settings.allowUnsigned()), bundles,
                new HealthGate(settings.healthWindow()));
        PluginDeployer deployer = new PluginDeployer(files, deployment, bundles, rehand);
        Thread recovery = new Thread(deployer::recover, "agent-plugin-recovery");
        recovery.setDaemon(true);
        recovery.start();
        LOG.info("plug-in deployment ready trust={} unsigned={} healthWindowSeconds={} proxy={}", settings.trustFile(),
                settings.allowUnsigned() ? "allowed" : "refused", settings.healthWindow().toSeconds(),
                settings.proxy() == null ? "none" : settings.proxy());
        return deployer;
    }

    private void recover() {
        try {
            for (String name : files.names()) {
                deployment.recover(name);
            }
        } catch (IOException e) {
            LOG.error("deployed plug-ins not restored reason=\"{}\"", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            recovered.countDown();
        }
    }

    @Override
    public Validation validate(DesiredSection section) {
        for (String key : section.properties().keySet()) {
            if (!PLUGINS.equals(key)) {
                return Validation.reject("unknown property '" + key + "' of component agent; it takes plugins");
            }
        }
        Object plugins = section.properties().get(PLUGINS);
        return plugins == null || plugins instanceof Map ? Validation.accept()
                : Validation.reject("plugins is an object {name: {version, url, sha256}}");
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws InterruptedException, IOException {
        recovered.await();
        Map<?, ?> desired = section.properties().get(PLUGINS) instanceof Map<?, ?> map ? map : Map.of();
        Map<String, PluginSpec> specs = new LinkedHashMap<>();
        Map<String, String> refused = PluginSpec.parse(desired, specs);
        Map<String, Integer> codes = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        refused.forEach((name, reason) -> {
            ack(context, name, desired.get(name), section.version(), 400, reason);
            codes.put(name, 400);
            failures.put(name, reason);
        });
        for (PluginSpec spec : specs.values()) {
            if (context.isSuperseded()) {
                return Outcome.failed("superseded");
            }
            int code = deployOne(spec, section.version(), context, failures);
            codes.put(spec.name(), code);
        }
        removeOthers(desired, context);
        return outcome(codes, failures);
    }

    private int deployOne(PluginSpec spec, long version, ApplyContext context, Map<String, String> failures)
            throws InterruptedException {
        ack(context, spec.name(), spec.value(), version, 202, "downloading");
        Set<String> served = bundles.components(spec.name());
        String[] lastStep = {""};
        try {
            String done = deployment.deploy(spec, step -> {
                context.progress(spec.name() + ": " + step);
                // every step once; the download at most once per quarter
                String key = step.startsWith("downloading ") ? "downloading " + Integer.parseInt(
                        step.replaceAll("\\D", "")) / 25 : step;
                if (!key.equals(lastStep[0])) {
                    lastStep[0] = key;
                    ack(context, spec.name(), spec.value(), version, 202, step);
                }
            });
            ack(context, spec.name(), spec.value(), version, 200, done);
            return 200;
        } catch (DeploymentFailure e) {
            LOG.warn("plug-in deployment failed name={} version={} code={} reason=\"{}\"", spec.name(), spec.version(), e.code(), e.getMessage());
            ack(context, spec.name(), spec.value(), version, e.code(), e.getMessage());
            failures.put(spec.name(), e.getMessage());
            if (e.code() >= 500 && bundles.deployed(spec.name()) != null) {
                served.forEach(rehand); // the version rolled back to applies its sections again
            }
            return e.code();
        }
    }

    private void removeOthers(Map<?, ?> desired, ApplyContext context) throws IOException, InterruptedException {
        for (String name : files.names()) {
            if (desired.get(name) == null) {
                deployment.remove(name);
                Map<String, Object> gone = new HashMap<>();
                gone.put(name, null);
                context.report(Map.of(DEPLOYMENTS, gone));
            }
        }
    }

    private void ack(ApplyContext context, String name, Object value, long version, int code, String description) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("value", value instanceof Map || value instanceof String ? value : String.valueOf(value));
        ack.put("ac", code);
        ack.put("av", version);
        ack.put("ad", description.length() > 1000 ? description.substring(0, 1000) : description);
        context.report(Map.of(DEPLOYMENTS, Map.of(name, ack)));
    }

    private static Outcome outcome(Map<String, Integer> codes, Map<String, String> failures) {
        if (failures.isEmpty()) {
            return Outcome.done(codes.isEmpty() ? "no plug-ins deployed" : "deployed " + codes.keySet());
        }
        int worst = codes.values().stream().filter(code -> code != 200).max(Integer::compare).orElse(500);
        List<String> lines = failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        return new Outcome(worst, String.join("; ", lines));
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(30);
    }

    /** @return the names in the desired map this deployer knows nothing of yet (for tests and logs) */
    Set<String> deployed() throws IOException {
        return Set.copyOf(files.names());
    }
}
