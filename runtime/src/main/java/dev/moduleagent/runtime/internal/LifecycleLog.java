package dev.moduleagent.runtime.internal;

import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the life of bundles to the log: plug-ins from the deploy folder at INFO (a user who drops a jar wants to see
 * it go live, or why not), the distribution's own bundles at DEBUG, and framework errors and warnings as such.
 */
public final class LifecycleLog implements BundleListener, FrameworkListener {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleLog.class);

    private final Path deployDir;

    /** @param deployDir the watched plug-in folder */
    public LifecycleLog(Path deployDir) {
        this.deployDir = deployDir.toAbsolutePath().normalize();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String what = describe(event.getType());
        if (what == null) {
            return;
        }
        Bundle bundle = event.getBundle();
        if (isPlugin(bundle)) {
            LOG.info("plug-in {} file={} bundle={} version={}", what, fileName(bundle), bundle.getSymbolicName(),
                    bundle.getVersion());
        } else {
            LOG.debug("bundle {} {} {}", bundle.getSymbolicName(), bundle.getVersion(), what);
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        Bundle bundle = event.getBundle();
        String source = bundle == null ? "framework" : bundle.getSymbolicName() + " (" + fileName(bundle) + ")";
        if (event.getType() == FrameworkEvent.ERROR) {
            LOG.error("framework error source={} reason=\"{}\"", source, message(event.getThrowable()));
        } else if (event.getType() == FrameworkEvent.WARNING) {
            LOG.warn("framework warning source={} reason=\"{}\"", source, message(event.getThrowable()));
        }
    }

    /**
     * @param bundle any bundle
     * @return whether it was installed from the deploy folder
     */
    public boolean isPlugin(Bundle bundle) {
        return BundleLocations.isIn(bundle.getLocation(), deployDir);
    }

    private static String fileName(Bundle bundle) {
        String location = bundle.getLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String message(Throwable throwable) {
        return throwable == null ? "(no details)" : String.valueOf(throwable.getMessage());
    }

    private static String describe(int type) {
        switch (type) {
            case BundleEvent.INSTALLED:
                return "installed";
            case BundleEvent.STARTED:
                return "started";
            case BundleEvent.STOPPED:
                return "stopped";
            case BundleEvent.UPDATED:
                return "updated";
            case BundleEvent.UNINSTALLED:
                return "uninstalled";
            default:
                return null;
        }
    }
}
