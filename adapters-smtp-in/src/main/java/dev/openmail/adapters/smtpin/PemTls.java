package dev.openmail.adapters.smtpin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the STARTTLS {@link SSLContext} from a PEM certificate chain and a PEM private key with the JDK alone.
 *
 * <p>The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
 * ({@code BEGIN EC PRIVATE KEY}), unencrypted. PKCS#1 and SEC1 keys are wrapped into PKCS#8 with the algorithm
 * identifier of the certificate's public key, which is exactly the one the key needs.
 */
final class PemTls {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** Protects the private key only inside the in-memory key store handed to the key manager. */
    private static final char[] IN_MEMORY_PASSWORD = "openmail-smtp".toCharArray();

    private PemTls() {
    }

    static SSLContext sslContext(Path certFile, Path keyFile) {
        try {
            List<X509Certificate> chain = readCertificates(certFile);
            PrivateKey key = readPrivateKey(keyFile, chain.get(0).getPublicKey());
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("smtp", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot load the STARTTLS certificate " + certFile + " and key " + keyFile
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCertificates(Path certFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(certFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : certificates) {
            chain.add((X509Certificate) certificate);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certFile);
        }
        return chain;
    }

    private static PrivateKey readPrivateKey(Path keyFile, PublicKey certificateKey)
            throws IOException, GeneralSecurityException {
        Matcher block = PEM_BLOCK.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        while (block.find()) {
            String type = block.group(1);
            String body = block.group(2);
            byte[] pkcs8;
            switch (type) {
                case "PRIVATE KEY":
                    pkcs8 = decode(body);
                    break;
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    if (body.contains("Proc-Type:")) { // legacy OpenSSL encryption header
                        throw encrypted();
                    }
                    pkcs8 = toPkcs8(algorithmIdentifier(certificateKey), decode(body));
                    break;
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted();
                default:
                    // e.g. the "EC PARAMETERS" block openssl ecparam writes before the key
                    continue;
            }
            PrivateKey key = KeyFactory.getInstance(certificateKey.getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (key instanceof RSAPrivateKey && certificateKey instanceof RSAPublicKey
                    && !((RSAPrivateKey) key).getModulus().equals(((RSAPublicKey) certificateKey).getModulus())) {
                throw new GeneralSecurityException("the private key does not belong to the certificate");
            }
            return key;
        }
        throw new GeneralSecurityException("no PEM private key in " + keyFile);
    }

    private static GeneralSecurityException encrypted() {
        return new GeneralSecurityException(
                "encrypted private keys are not supported; decrypt it with: openssl pkcs8 -topk8 -nocrypt");
    }

    private static byte[] decode(String base64Body) {
        return Base64.getMimeDecoder().decode(base64Body.strip());
    }

    /** The AlgorithmIdentifier, the first element of the SubjectPublicKeyInfo sequence. */
    private static byte[] algorithmIdentifier(PublicKey key) throws GeneralSecurityException {
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length < 2 || spki[0] != 0x30) {
            throw new GeneralSecurityException("cannot read the certificate's public key");
        }
        int start = 1 + lengthOfLength(spki, 1);
        if (start >= spki.length || spki[start] != 0x30) {
            throw new GeneralSecurityException("cannot read the certificate's public key algorithm");
        }
        int contentStart = start + 1 + lengthOfLength(spki, start + 1);
        int end = contentStart + length(spki, start + 1);
        if (end > spki.length) {
            throw new GeneralSecurityException("cannot read the certificate's public key algorithm");
        }
        byte[] identifier = new byte[end - start];
        System.arraycopy(spki, start, identifier, 0, identifier.length);
        return identifier;
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING privateKey }. */
    private static byte[] toPkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(algorithmIdentifier);
        content.writeBytes(tlv(0x04, privateKey));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** How many bytes the DER length at {@code offset} takes. */
    private static int lengthOfLength(byte[] der, int offset) throws GeneralSecurityException {
        if (offset >= der.length) {
            throw new GeneralSecurityException("truncated DER");
        }
        int first = der[offset] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private static int length(byte[] der, int offset) throws GeneralSecurityException {
        int first = der[offset] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 3 || offset + bytes >= der.length) {
            throw new GeneralSecurityException("unsupported DER length");
        }
        int length = 0;
        for (int i = 1; i <= bytes; i++) {
            length = (length << 8) | (der[offset + i] & 0xff);
        }
        return length;
    }
}
