package dev.moduleagent.certs.internal;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance this bundle uses, passed explicitly to JCA builders and never registered
 * globally. It is used only for what the JDK lacks (OpenSSL-style key encryption); signatures use the JDK's
 * providers, because creating this provider costs a few hundred milliseconds that every short CLI call would pay.
 * It is created on first use (class initialisation of this holder).
 */
public final class BouncyCastle {

    /** The provider. */
    public static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
