package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import dev.moduleagent.firmware.api.FirmwareHealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware component's handler: download (resumable), verify, stage into the inactive slot, switch, check
 * health, roll back when unhealthy. The active slot changes only by the atomic switch, and every state is persisted
 * before it is reported, so a restart at any point finds a consistent device.
 */
public final class FirmwareUpdater implements ComponentHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdater.class);
    private final FirmwareSettings settings;
    private final FirmwareHealthCheck health;
    private final SlotLayout slots;
    private final StatusStore store;
    private final ImageDownloader downloader;
    /** Held while an update or a rollback runs, so that the two never switch slots at the same time. */
    private final ReentrantLock updating = new ReentrantLock();

    /**
     * @param settings the settings
     * @param health the health check run after a switch
     * @param space how much space the root's file system has left
     */
    public FirmwareUpdater(FirmwareSettings settings, FirmwareHealthCheck health, SpaceProbe space) {
        this.settings = settings;
        this.health = health;
        this.slots = new SlotLayout(settings.root());
        this.store = new StatusStore(settings.root());
        this.downloader = new ImageDownloader(settings.root().resolve("download"), settings.connectTimeout(),
                settings.readTimeout(), space);
    }

    /**
     * Finishes what a stop during activation left: the switch is rolled back, since its health was never confirmed.
     *
     * @return the status after recovery
     * @throws IOException when the root cannot be read or written
     */
    public FirmwareStatus recover() throws IOException {
        Files.createDirectories(settings.root());
        FirmwareStatus status = store.load();
        if (status.state() == FirmwareState.Activating) {
            slots.activate(status.previousSlot());
            status = status.in(FirmwareState.RolledBack, "the agent stopped while activating; rolled back to "
                    + slotName(status.previousSlot()));
            store.save(status);
            LOG.warn("firmware recovered reason=\"{}\"", status.reason());
        }
        return status;
    }

    /**
     * @return the persisted status
     * @throws IOException when it cannot be read
     */
    public FirmwareStatus status() throws IOException {
        return store.load();
    }

    @Override
    public Validation validate(DesiredSection section) {
        try {
            FirmwareRequest.parse(section.properties(), settings.maxImageBytes());
            return Validation.accept();
        } catch (IllegalArgumentException e) {
            return Validation.reject(e.getMessage());
        }
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws IOException, InterruptedException {
        updating.lock();
        try {
            return applyLocked(section, context);
        } finally {
            updating.unlock();
        }
    }

    /**
     * Switches back to the other slot when it holds the firmware that was active before (the {@code rollback}
     * command). Refused while an update runs.
     *
     * @return the status after the switch
     * @throws FirmwareFailure 409 when an update runs or there is nothing to go back to
     * @throws IOException when the slots cannot be read or written
     */
    public FirmwareStatus rollBackToPrevious() throws FirmwareFailure, IOException {
        if (!updating.tryLock()) {
            throw new FirmwareFailure(409, "an update is in progress; roll back when it is done");
        }
        try {
            FirmwareStatus status = recover();
            String active = slots.active().orElseThrow(() -> new FirmwareFailure(409,
                    "no slot is active: nothing to roll back"));
            String other = active.equals("A") ? "B" : "A";
            Properties previous = slots.info(other).orElseThrow(() -> new FirmwareFailure(409,
                    "slot " + other + " holds no earlier firmware to roll back to"));
            slots.activate(other);
            FirmwareStatus rolledBack = new FirmwareStatus(previous.getProperty("version"),
                    previous.getProperty("sha256"), other, FirmwareState.RolledBack, "rolled back on request from "
                    + status.installedVersion() + " in slot " + active + " to " + previous.getProperty("version")
                    + " in slot " + other, null);
            store.save(rolledBack);
            LOG.warn("firmware rolled back reason=\"{}\"", rolledBack.reason());
            return rolledBack;
        } finally {
            updating.unlock();
        }
    }

    private Outcome applyLocked(DesiredSection section, ApplyContext context) throws IOException, InterruptedException {
        FirmwareRequest request = FirmwareRequest.parse(section.properties(), settings.maxImageBytes());
        FirmwareStatus status = recover();
        if (request.isInstalled(status.installedVersion(), status.installedSha256())
                && slots.active().orElse("").equals(status.slot())) {
            context.report(status.reported());
            return Outcome.done(request.version() + " is already installed in slot " + status.slot());
        }
        try {
            return install(request, status, context);
        } catch (FirmwareFailure failure) {
            LOG.warn("firmware update failed version={} reason=\"{}\"", request.version(), failure.getMessage());
            record(status.in(FirmwareState.Failed, failure.getMessage()), context);
            return new Outcome(failure.code(), failure.getMessage());
        }
    }

    @Override
    public Duration timeout() {
        return settings.applyTimeout();
    }

    private Outcome install(FirmwareRequest request, FirmwareStatus status, ApplyContext context)
            throws FirmwareFailure, IOException, InterruptedException {
        record(status.in(FirmwareState.Downloading, "downloading " + request.version() + " from "
                + request.displayUrl()), context);
        ImageDownloader.Downloaded image = downloader.fetch(request, context);
        if (image == null) {
            return superseded(request, status, context);
        }
        record(status.in(FirmwareState.Verifying, "verifying " + request.version()), context);
        verify(request, image);
        if (context.isSuperseded()) {
            return superseded(request, status, context);
        }
        String slot = slots.inactive();
        try {
            slots.stage(slot, image.file(), request.version(), request.sha256());
        } catch (IOException e) {
            throw new FirmwareFailure(507, "cannot stage " + request.version() + " in slot " + slot + ": "
                    + ImageDownloader.describe(e), e);
        }
        downloader.discard();
        record(status.in(FirmwareState.Staged, request.version() + " staged in slot " + slot), context);
        return activate(request, status, slot, context);
    }

    private void verify(FirmwareRequest request, ImageDownloader.Downloaded image)
            throws FirmwareFailure, IOException {
        String problem = null;
        if (image.size() != request.size()) {
            problem = "size mismatch: declared " + request.size() + " bytes, downloaded " + image.size();
        } else if (!image.sha256().equals(request.sha256())) {
            problem = "sha256 mismatch: declared " + request.sha256() + ", downloaded " + image.sha256();
        }
        if (problem != null) {
            downloader.discard();
            throw new FirmwareFailure(422, problem);
        }
    }

    private Outcome activate(FirmwareRequest request, FirmwareStatus status, String slot, ApplyContext context)
            throws IOException, InterruptedException {
        String previous = slots.active().orElse(null);
        FirmwareStatus activating = new FirmwareStatus(status.installedVersion(), status.installedSha256(),
                status.slot(), FirmwareState.Activating, "switching to slot " + slot, previous);
        record(activating, context);
        slots.activate(slot);
        Optional<String> problem;
        try {
            problem = health.check(slot, slots.image(slot), request.version());
        } catch (InterruptedException e) {
            rollBack(activating, "interrupted during the health check", context);
            throw e;
        } catch (RuntimeException e) {
            problem = Optional.of("health check failed: " + e);
        }
        if (problem.isPresent()) {
            String reason = "health check of " + request.version() + " in slot " + slot + " failed ("
                    + problem.get() + ")";
            return new Outcome(500, rollBack(activating, reason, context));
        }
        String done = "installed " + request.version() + " in slot " + slot;
        record(new FirmwareStatus(request.version(), request.sha256(), slot, FirmwareState.Succeeded, done, null),
                context);
        LOG.info("firmware installed version={} slot={}", request.version(), slot);
        return Outcome.done(done);
    }

    private String rollBack(FirmwareStatus activating, String why, ApplyContext context) throws IOException {
        slots.activate(activating.previousSlot());
        String reason = why + "; rolled back to " + slotName(activating.previousSlot());
        record(activating.in(FirmwareState.RolledBack, reason), context);
        LOG.warn("firmware rolled back reason=\"{}\"", reason);
        return reason;
    }

    private Outcome superseded(FirmwareRequest request, FirmwareStatus status, ApplyContext context)
            throws IOException {
        record(status.in(FirmwareState.Idle, "update to " + request.version() + " superseded"), context);
        return new Outcome(409, "superseded by a newer desired version");
    }

    private void record(FirmwareStatus status, ApplyContext context) throws IOException {
        store.save(status);
        context.report(status.reported());
    }

    private static String slotName(String slot) {
        return slot == null ? "no slot" : "slot " + slot;
    }
}
