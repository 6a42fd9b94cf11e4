package io.virtplatform.exporter.http;

/** Escaping for text placed in HTML element content or double- or single-quoted attributes. */
final class Html {

  private Html() {
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
