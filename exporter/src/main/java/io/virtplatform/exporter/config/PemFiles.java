package io.virtplatform.exporter.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM certificates and private keys as cert-manager, the OpenShift service CA and openssl write
 * them: keys in PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or PKCS#8
 * ({@code PRIVATE KEY}), unencrypted. Every failure is an {@link IOException} whose message says
 * what is wrong with which file.
 */
public final class PemFiles {

  private PemFiles() {
  }

  /** A server certificate chain, leaf first, with the private key of the leaf. */
  public record ServerCertificate(PrivateKey key, List<X509Certificate> chain) {

    public ServerCertificate {
      chain = List.copyOf(chain);
    }
  }

  /**
   * Reads both files and checks that the key belongs to the first certificate, so a rotation
   * caught between writing the two files is refused rather than served.
   */
  public static ServerCertificate serverCertificate(Path certFile, Path keyFile)
      throws IOException {
    List<X509Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    if (!matches(key, chain.get(0))) {
      throw new IOException(keyFile + ": the private key does not belong to the first"
          + " certificate of " + certFile);
    }
    return new ServerCertificate(key, chain);
  }

  /** Every certificate of the file, in order; at least one. */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = parser(file)) {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add((X509Certificate) factory.generateCertificate(
              new java.io.ByteArrayInputStream(holder.getEncoded())));
        }
      }
    } catch (PEMException | GeneralSecurityException e) {
      throw new IOException(file + ": not a PEM certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + ": no PEM certificate (BEGIN CERTIFICATE) in the file");
    }
    return certificates;
  }

  /** The first private key of the file. */
  public static PrivateKey privateKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = parser(file)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PEMKeyPair pair) {
          // Only the private part: a SEC1 key may omit its public key.
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (PEMException e) {
      throw new IOException(file + ": not a PEM private key: " + e.getMessage(), e);
    }
    throw new IOException(file + ": no unencrypted PEM private key in the file (PKCS#1, SEC1"
        + " or PKCS#8 expected)");
  }

  private static PEMParser parser(Path file) throws IOException {
    Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    return new PEMParser(reader);
  }

  /** Signs with the key and verifies with the certificate: works for every key algorithm. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] probe = "virt-platform-exporter".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
