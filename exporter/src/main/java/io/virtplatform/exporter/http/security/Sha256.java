package io.virtplatform.exporter.http.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Credentials are cached by their SHA-256, so the caches hold no password or token that a heap
 * dump would give away.
 */
final class Sha256 {

  private Sha256() {
  }

  static String of(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every JVM has SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
