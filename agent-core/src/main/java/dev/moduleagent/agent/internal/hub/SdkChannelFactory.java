package dev.moduleagent.agent.internal.hub;

/** Makes SDK-backed channels for one module identity. */
public final class SdkChannelFactory implements ChannelFactory {

    private final HubSettings settings;

    /** @param settings the hub, identity and transport */
    public SdkChannelFactory(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public TwinChannel create(ChannelStatusListener listener) throws ChannelException {
        return new SdkTwinChannel(settings, listener);
    }
}
