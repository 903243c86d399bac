package dev.moduleagent.certs.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** Recomputes the public key from a private key, so a key file alone is enough to make a CSR or certificate. */
public final class PublicKeyDerivation {

    private PublicKeyDerivation() {
    }

    /**
     * @param key an EC private key over a prime field, or an RSA private key in CRT form (what every key file holds)
     * @return the matching public key
     * @throws GeneralSecurityException when the key type is not supported (e.g. RSA without the public exponent)
     */
    public static PublicKey derive(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField() instanceof ECFieldFp field) {
            // plain curve arithmetic: Bouncy Castle's named-curve tables would cost ~200 ms to initialise
            ECParameterSpec params = ec.getParams();
            ECCurve curve = new ECCurve.Fp(field.getP(), params.getCurve().getA(), params.getCurve().getB(),
                    params.getOrder(), BigInteger.valueOf(params.getCofactor()));
            ECPoint generator = curve.createPoint(params.getGenerator().getAffineX(), params.getGenerator().getAffineY());
            ECPoint q = generator.multiply(ec.getS()).normalize();
            java.security.spec.ECPoint w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                    q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            BigInteger exponent = rsa.getPublicExponent();
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), exponent));
        }
        throw new GeneralSecurityException("cannot derive the public key of a " + key.getAlgorithm() + " key of type "
                + key.getClass().getSimpleName());
    }
}
