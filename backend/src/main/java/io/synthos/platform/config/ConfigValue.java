package io.synthos.platform.config;

/** A raw configuration value and where it came from, so errors name what the user must change. */
record ConfigValue(String text, String origin) {}
