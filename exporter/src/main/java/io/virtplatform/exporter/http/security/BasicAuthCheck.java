package io.virtplatform.exporter.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.virtplatform.exporter.http.AccessCheck;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * HTTP basic authentication against the web config's {@code basic_auth_users} (bcrypt hashes).
 * Any listed user may read every route, as with the exporter-toolkit.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at cost 10), and Prometheus sends the same
 * credentials every scrape, so a successful check is remembered for {@link #CACHE_TTL} by the
 * SHA-256 of user and password. An unknown user costs a bcrypt check too, so that timing does
 * not tell which users exist.
 */
public final class BasicAuthCheck implements AccessCheck {

  static final Duration CACHE_TTL = Duration.ofMinutes(1);

  /** bcrypt of a random password, checked for unknown users; nothing matches it. */
  private static final String DUMMY_HASH = dummyHash();

  private final Map<String, String> hashes;
  private final Cache<String, Boolean> verified = Caffeine.newBuilder()
      .expireAfterWrite(CACHE_TTL).maximumSize(1000).build();

  public BasicAuthCheck(Map<String, String> hashes) {
    this.hashes = Map.copyOf(hashes);
  }

  @Override
  public Verdict check(HttpServerExchange exchange, String route) {
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Verdict.UNAUTHENTICATED;
    }
    String credentials;
    try {
      credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Verdict.UNAUTHENTICATED;
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return Verdict.UNAUTHENTICATED;
    }
    String user = credentials.substring(0, colon);
    String password = credentials.substring(colon + 1);
    String key = Sha256.of(credentials);
    if (verified.getIfPresent(key) != null) {
      return Verdict.ALLOWED;
    }
    String hash = hashes.get(user);
    boolean valid = OpenBSDBCrypt.checkPassword(hash == null ? DUMMY_HASH : hash,
        password.toCharArray()) && hash != null;
    if (!valid) {
      return Verdict.UNAUTHENTICATED;
    }
    verified.put(key, Boolean.TRUE);
    return Verdict.ALLOWED;
  }

  private static String dummyHash() {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    char[] password = new char[32];
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    return OpenBSDBCrypt.generate("2y", password, salt, 10);
  }

  @Override
  public String challenge() {
    return "Basic realm=\"virt-platform-exporter\", charset=\"UTF-8\"";
  }
}
