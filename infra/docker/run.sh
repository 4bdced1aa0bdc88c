#!/bin/sh
# Starts the image's main class with the flags every bidtrack JVM needs (the same as ./bidtrack's);
# the container's arguments go to the main class. JAVA_OPTS holds the heap and GC options.
set -e
# shellcheck disable=SC2086 # JAVA_OPTS is a list of words
exec java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
    $JAVA_OPTS -cp "/app/classes:/app/lib/*" "$APP_MAIN_CLASS" "$@"
