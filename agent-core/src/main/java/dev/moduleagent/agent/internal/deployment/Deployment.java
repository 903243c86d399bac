package dev.moduleagent.agent.internal.deployment;

import dev.moduleagent.agent.internal.deployment.PluginFiles.State;
import dev.moduleagent.agent.internal.deployment.PluginFiles.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of deploying, removing and recovering one plug-in: download, sha256, signature, manifest checks, install or
 * update, health gate, and rollback to the previous jar when the new one fails. Each step is persisted before it acts.
 */
final class Deployment {

    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

    private final PluginFiles files;
    private final JarDownload download;
    private final JarSignatureCheck signatures;
    private final BundleDeployer bundles;
    private final HealthGate health;

    Deployment(PluginFiles files, JarDownload download, JarSignatureCheck signatures, BundleDeployer bundles,
            HealthGate health) {
        this.files = files;
        this.download = download;
        this.signatures = signatures;
        this.bundles = bundles;
        this.health = health;
    }

    /**
     * Brings one plug-in to the desired version.
     *
     * @param spec the desired entry
     * @param progress receives "downloading 40%", "verifying", "installing", "health check"
     * @return what was done, for the 200 ack
     * @throws DeploymentFailure 4xx refused (the running version stays), 5xx failed and rolled back
     * @throws InterruptedException when the agent stops (a restart then resumes or rolls back)
     */
    String deploy(PluginSpec spec, Consumer<String> progress) throws DeploymentFailure, InterruptedException {
        Optional<State> state = load(spec.name());
        Bundle running = bundles.deployed(spec.name());
        if (state.isPresent() && state.get().step() == Step.ACTIVE && spec.sha256().equals(state.get().sha256())
                && running != null && running.getState() == Bundle.ACTIVE) {
            return spec.version() + " is running";
        }
        Version installed = bundles.installedVersion(spec.name());
        if (installed != null && spec.version().compareTo(installed) < 0 && !spec.allowDowngrade()) {
            throw new DeploymentFailure(400, spec.version() + " is older than the running " + installed
                    + "; set \"allowDowngrade\": true to go back");
        }
        Path folder = files.folder(spec.name());
        Path jar = download.fetch(spec, folder, percent -> progress.accept("downloading " + percent + "%"));
        progress.accept("verifying");
        String signer = signatures.verify(jar);
        checkManifest(spec, jar);
        try {
            PluginFiles.moveInPlace(jar, files.next(spec.name()));
            files.save(new State(spec.name(), spec.version().toString(), spec.sha256(), Step.INSTALLING, "installing"));
        } catch (IOException e) {
            throw new DeploymentFailure(507, "cannot keep the jar: " + e.getMessage(), e);
        }
        progress.accept("installing");
        return install(spec, signer, progress);
    }

    private String install(PluginSpec spec, String signer, Consumer<String> progress)
            throws DeploymentFailure, InterruptedException {
        String name = spec.name();
        try {
            if (Files.exists(files.current(name))) {
                PluginFiles.moveInPlace(files.current(name), files.previous(name));
            }
            PluginFiles.moveInPlace(files.next(name), files.current(name));
            Bundle bundle = bundles.installOrUpdate(name, files.current(name));
            files.save(new State(name, spec.version().toString(), spec.sha256(), Step.HEALTH_CHECK, "health check"));
            progress.accept("health check");
            Optional<String> problem = health.check(bundle);
            if (problem.isPresent()) {
                throw new DeploymentFailure(500, spec.version() + " is not healthy: " + problem.get());
            }
            String done = "running " + spec.version() + " signed by " + signer;
            files.save(new State(name, spec.version().toString(), spec.sha256(), Step.ACTIVE, done));
            LOG.info("plug-in deployed name={} outcome=\"{}\"", name, done);
            return done;
        } catch (DeploymentFailure e) {
            throw new DeploymentFailure(e.code(), e.getMessage() + "; " + rollBack(name), e);
        } catch (IOException e) {
            throw new DeploymentFailure(507, "cannot move the jar into place: " + e.getMessage() + "; "
                    + rollBack(name), e);
        }
    }

    /**
     * Goes back to {@code previous.jar} (or removes the plug-in when there was none).
     *
     * @return what was done, for the ack's description
     */
    String rollBack(String name) throws InterruptedException {
        try {
            if (!Files.exists(files.previous(name))) {
                bundles.uninstall(name);
                files.delete(name);
                LOG.warn("plug-in rolled back name={} to=none action=removed", name);
                return "no previous version: removed";
            }
            PluginFiles.moveInPlace(files.previous(name), files.current(name));
            Bundle bundle = bundles.installOrUpdate(name, files.current(name));
            String version = bundle.getVersion().toString();
            files.save(new State(name, version, JarDownload.sha256(files.current(name)), Step.ACTIVE,
                    "rolled back to " + version));
            LOG.warn("plug-in rolled back name={} to={}", name, version);
            return "rolled back to " + version;
        } catch (IOException | DeploymentFailure e) {
            LOG.error("plug-in rollback failed name={} reason=\"{}\"", name, e.getMessage());
            return "rollback failed too: " + e.getMessage();
        }
    }

    /** Uninstalls a plug-in that left the desired map and deletes its files. */
    void remove(String name) throws InterruptedException, IOException {
        bundles.uninstall(name);
        files.delete(name);
        LOG.info("plug-in removed name={}", name);
    }

    /**
     * At start: a deployment cut by a stop is rolled back; what was running is installed again (the framework's
     * cache is cleaned at each launch).
     */
    void recover(String name) throws InterruptedException {
        try {
            State state = files.load(name).orElseThrow();
            if (state.step() != Step.ACTIVE) {
                LOG.warn("plug-in interrupted deployment name={} step={} version={} action=rollback", name, state.step(),
                        state.version());
                Files.deleteIfExists(files.next(name));
                Path current = files.current(name);
                if (!Files.exists(current) || JarDownload.sha256(current).equals(state.sha256())) {
                    rollBack(name); // the new jar was in place: go back to the one before it
                    return;
                }
                Bundle bundle = bundles.installOrUpdate(name, current); // the new jar never got in place
                files.save(new State(name, bundle.getVersion().toString(), JarDownload.sha256(current), Step.ACTIVE,
                        "the agent stopped before " + state.version() + " was installed"));
                return;
            }
            if (Files.exists(files.current(name))) {
                bundles.installOrUpdate(name, files.current(name));
            }
        } catch (IOException | DeploymentFailure | RuntimeException e) {
            LOG.error("plug-in not restored name={} reason=\"{}\"", name, e.getMessage());
        }
    }

    private Optional<State> load(String name) throws DeploymentFailure {
        try {
            return files.load(name);
        } catch (IOException e) {
            throw new DeploymentFailure(500, e.getMessage(), e);
        }
    }

    private void checkManifest(PluginSpec spec, Path jar) throws DeploymentFailure {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new DeploymentFailure(422, "not a readable jar: " + e.getMessage(), e);
        }
        String symbolicName = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (symbolicName == null) {
            throw new DeploymentFailure(400, "not an OSGi bundle: no Bundle-SymbolicName");
        }
        symbolicName = symbolicName.split(";")[0].trim();
        if (!symbolicName.equals(spec.name()) && !symbolicName.endsWith("." + spec.name())) {
            throw new DeploymentFailure(400, "the bundle is " + symbolicName + ", not '" + spec.name()
                    + "' (the key is the symbolic name or its last segment)");
        }
        Version version = Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
        if (!version.equals(spec.version())) {
            throw new DeploymentFailure(400, "the jar is version " + version + ", not the declared " + spec.version());
        }
        if (bundles.foreign(symbolicName) != null) {
            throw new DeploymentFailure(409, symbolicName + " is already installed from "
                    + bundles.foreign(symbolicName).getLocation() + "; remove it there first");
        }
    }
}
