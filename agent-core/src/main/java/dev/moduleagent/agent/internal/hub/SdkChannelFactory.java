package dev.moduleagent.agent.internal.hub;

import javax.net.ssl.SSLContext;

/** Makes SDK-backed channels for one module identity; its TLS identity can be replaced (certificate renewal). */
public final class SdkChannelFactory implements ChannelFactory {

    private volatile HubSettings settings;

    /** @param settings the hub, identity and transport */
    public SdkChannelFactory(HubSettings settings) {
        this.settings = settings;
    }

    /** @param identity key + chain + trust for the channels made from now on */
    public void useSslContext(SSLContext identity) {
        HubSettings s = settings;
        settings = new HubSettings(s.hubHost(), s.gatewayHost(), s.deviceId(), s.moduleId(), s.transport(),
                s.keepAliveSeconds(), identity);
    }

    /** @param next hub, identity and transport for the channels made from now on (a changed configuration) */
    public void useSettings(HubSettings next) {
        settings = next;
    }

    @Override
    public TwinChannel create(ChannelStatusListener listener) throws ChannelException {
        return new SdkTwinChannel(settings, listener);
    }
}
