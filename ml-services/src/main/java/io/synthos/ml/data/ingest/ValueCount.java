package io.synthos.ml.data.ingest;

/** One value of a column and how often it occurs. */
public record ValueCount(String value, long count) {}
