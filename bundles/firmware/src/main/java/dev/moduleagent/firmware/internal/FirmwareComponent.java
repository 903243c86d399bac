package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.CommandRequest;
import dev.moduleagent.api.CommandResponse;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Validation;
import dev.moduleagent.firmware.api.FirmwareHealthCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi face of the firmware updater: owns component {@code firmware}, reads its settings from Configuration
 * Admin, and adds any registered {@link FirmwareHealthCheck} service to the configured command. Its command
 * {@code firmware*rollback} switches back to the firmware in the other slot.
 */
@Component(service = {ComponentHandler.class, CommandHandler.class}, immediate = true, configurationPid = FirmwareComponent.PID)
@ComponentName(FirmwareComponent.NAME)
@Designate(ocd = FirmwareConfig.class)
public class FirmwareComponent implements ComponentHandler, CommandHandler {

    static final String PID = "dev.moduleagent.firmware";
    static final String NAME = "firmware";
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FirmwareHealthCheck healthService;

    private volatile ReportedProperties reported;
    private final FirmwareUpdater updater;
    private final Optional<FirmwareHealthCheck> command;

    /**
     * @param config the configuration
     * @throws IOException when the root folder cannot be prepared
     */
    @Activate
    public FirmwareComponent(FirmwareConfig config) throws IOException {
        Path root = Path.of(config.root()).toAbsolutePath();
        List<String> line = Arrays.stream(config.healthCheckCommand()).filter(part -> !part.isBlank()).toList();
        this.command = line.isEmpty() ? Optional.empty() : Optional.of(new CommandHealthCheck(line,
                Duration.ofSeconds(config.healthCheckTimeoutSeconds()), root.resolve("health-check.log")));
        FirmwareSettings settings = new FirmwareSettings(root, config.maxImageBytes(),
                Duration.ofSeconds(config.connectTimeoutSeconds()), Duration.ofSeconds(config.readTimeoutSeconds()),
                Duration.ofMinutes(config.applyTimeoutMinutes()));
        this.updater = new FirmwareUpdater(settings, this::checkHealth, SpaceProbe.FILE_STORE);
        FirmwareStatus status = updater.recover();
        LOG.info("firmware updater active root={} installed={} slot={} state={}", root, status.installedVersion(),
                status.slot(), status.state());
    }

    /**
     * Reports the current status as soon as the agent's reported-properties service is there.
     *
     * @param reported the agent's service
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReported(ReportedProperties reported) {
        this.reported = reported;
        try {
            reported.report(NAME, updater.status().reported());
        } catch (IOException e) {
            LOG.warn("firmware status unreadable reason=\"{}\"", e.getMessage());
        }
    }

    void unbindReported(ReportedProperties gone) {
        if (reported == gone) {
            reported = null;
        }
    }

    @Override
    public Set<String> commands() {
        return Set.of("rollback");
    }

    @Override
    public CommandResponse handle(CommandRequest request) throws IOException {
        FirmwareStatus status;
        try {
            status = updater.rollBackToPrevious();
        } catch (FirmwareFailure e) {
            return CommandResponse.error(e.code(), e.getMessage());
        }
        ReportedProperties service = reported;
        if (service != null) {
            service.report(NAME, status.reported());
        }
        return CommandResponse.ok(status.reported());
    }

    @Override
    public Validation validate(DesiredSection section) {
        return updater.validate(section);
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws Exception {
        return updater.apply(section, context);
    }

    @Override
    public Duration timeout() {
        return updater.timeout();
    }

    private Optional<String> checkHealth(String slot, Path image, String version) throws InterruptedException {
        if (command.isPresent()) {
            Optional<String> problem = command.get().check(slot, image, version);
            if (problem.isPresent()) {
                return problem;
            }
        }
        FirmwareHealthCheck service = healthService;
        return service == null ? Optional.empty() : service.check(slot, image, version);
    }
}
