package dev.maildigest.cli;

import picocli.CommandLine;

/** Version from the jar manifest (the Maven project version). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"pipeline " + (version != null ? version : "(development build)")};
    }
}
