package dev.moduleagent.osconfig.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Validation;
import java.io.IOException;
import java.nio.file.Path;
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
 * The OSGi face of the OS configurator: owns component {@code osconfig} (a name without '-', as twin component names
 * are identifiers), reads its root from Configuration Admin and reports the values in effect once the agent's
 * reported-properties service is there.
 */
@Component(service = ComponentHandler.class, immediate = true, configurationPid = OsConfigComponent.PID)
@ComponentName(OsConfigComponent.NAME)
@Designate(ocd = OsConfigConfig.class)
public class OsConfigComponent implements ComponentHandler {

    static final String PID = "dev.moduleagent.osconfig";
    static final String NAME = "osconfig";
    private static final Logger LOG = LoggerFactory.getLogger(OsConfigComponent.class);
    private final OsConfigHandler handler;

    /** @param config the configuration */
    @Activate
    public OsConfigComponent(OsConfigConfig config) {
        Path root = Path.of(config.root()).toAbsolutePath();
        this.handler = new OsConfigHandler(root);
        if (OsConfigConfig.DEFAULT_ROOT.equals(config.root())) {
            LOG.info("osconfig active root={} default=true hint=\"set root=/ in {}.cfg to configure this gateway\"", root, PID);
        } else {
            LOG.info("osconfig active root={}", root);
        }
    }

    /** @param reported the agent's reported-properties service, told the values in effect */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReported(ReportedProperties reported) {
        try {
            reported.report(NAME, handler.effective());
        } catch (IOException e) {
            LOG.warn("osconfig values unreadable reason=\"{}\"", e.getMessage());
        }
    }

    void unbindReported(ReportedProperties reported) {
        // nothing kept
    }

    @Override
    public Validation validate(DesiredSection section) {
        return handler.validate(section);
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws IOException {
        return handler.apply(section, context);
    }
}
