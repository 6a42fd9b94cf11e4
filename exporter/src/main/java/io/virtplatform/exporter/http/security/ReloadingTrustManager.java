package io.virtplatform.exporter.http.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies client certificates against the CAs of {@code client_ca_file} as the file holds them
 * now, so a rotated client CA applies from the next handshake on.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {

  private record Delegate(long generation, X509ExtendedTrustManager trust) {
  }

  private final ReloadingFiles<List<X509Certificate>> files;
  private volatile Delegate current;

  ReloadingTrustManager(ReloadingFiles<List<X509Certificate>> files)
      throws GeneralSecurityException {
    this.files = files;
    this.current = delegate(files.current());
  }

  private X509ExtendedTrustManager trust() throws CertificateException {
    ReloadingFiles.Loaded<List<X509Certificate>> loaded = files.current();
    Delegate now = current;
    if (now.generation() != loaded.generation()) {
      try {
        now = delegate(loaded);
      } catch (GeneralSecurityException e) {
        throw new CertificateException("cannot use the reloaded client CAs", e);
      }
      current = now;
    }
    return now.trust();
  }

  private static Delegate delegate(ReloadingFiles.Loaded<List<X509Certificate>> loaded)
      throws GeneralSecurityException {
    KeyStore store = KeyStores.empty();
    List<X509Certificate> cas = loaded.value();
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return new Delegate(loaded.generation(),
        (X509ExtendedTrustManager) factory.getTrustManagers()[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    trust().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    trust().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    trust().checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    try {
      return trust().getAcceptedIssuers();
    } catch (CertificateException e) {
      return current.trust().getAcceptedIssuers();
    }
  }

  /** A server verifies clients only. */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("server certificates are not verified here");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("server certificates are not verified here");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("server certificates are not verified here");
  }
}
