package cli

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// unitEnv lists the variables a service needs to find the same settings and
// data as this shell: passed on when they are set here.
var unitEnv = []string{"XDG_DATA_HOME", "XDG_CONFIG_HOME", "LOCI_CONFIG", "TZ"}

// daemonInvocation is the absolute command line of the daemon and the
// environment it needs, as KEY=value pairs.
func (e *env) daemonInvocation() (argv, environ []string, err error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, fmt.Errorf("find the loci program: %w", err)
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	argv = []string{exe, "daemon"}
	if path, isDefault := e.dbPath(); !isDefault {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, nil, fmt.Errorf("database path %s: %w", path, err)
		}
		argv = append(argv, "--db", abs)
	}
	for _, k := range unitEnv {
		v, ok := os.LookupEnv(k)
		if !ok || v == "" {
			continue
		}
		if k != "TZ" { // paths: a service has another working directory
			if abs, err := filepath.Abs(v); err == nil {
				v = abs
			}
		}
		environ = append(environ, k+"="+v)
	}
	return argv, environ, nil
}

// printUnit prints a systemd user unit or a launchd agent plist on stdout,
// and how to install it on stderr.
func (e *env) printUnit(kind string) error {
	argv, environ, err := e.daemonInvocation()
	if err != nil {
		return err
	}
	switch kind {
	case "systemd":
		fmt.Fprint(e.stdout, systemdUnit(argv, environ))
		fmt.Fprintln(e.stderr, "Save as ~/.config/systemd/user/loci.service, then: systemctl --user daemon-reload && systemctl --user enable --now loci")
	case "launchd":
		fmt.Fprint(e.stdout, launchdPlist(argv, environ, e.dataDir()))
		fmt.Fprintln(e.stderr, "Save as ~/Library/LaunchAgents/loci.daemon.plist, then: launchctl load ~/Library/LaunchAgents/loci.daemon.plist")
	default:
		return usagef("--print-unit %q: want systemd or launchd", kind)
	}
	return nil
}

// systemdUnit is a user service running argv. Every word is quoted as
// systemd.syntax(7) reads it: "%" doubled (specifiers), "$" doubled on the
// command line (variable expansion), backslashes and quotes escaped.
func systemdUnit(argv, environ []string) string {
	var b strings.Builder
	b.WriteString("[Unit]\nDescription=loci study nudges (cron jobs: daily, evening, weekly summary)\n\n[Service]\nType=simple\n")
	words := make([]string, len(argv))
	for i, a := range argv {
		words[i] = systemdQuote(strings.ReplaceAll(a, "$", "$$"))
	}
	fmt.Fprintf(&b, "ExecStart=%s\n", strings.Join(words, " "))
	b.WriteString("ExecReload=/bin/kill -HUP $MAINPID\n")
	for _, kv := range environ {
		fmt.Fprintf(&b, "Environment=%s\n", systemdQuote(kv))
	}
	b.WriteString("Restart=on-failure\nRestartSec=60\n\n[Install]\nWantedBy=default.target\n")
	return b.String()
}

func systemdQuote(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return `"` + s + `"`
}

// launchdPlist is a launch agent running argv at login, restarted if it
// fails, logging to daemon.log in the data directory.
func launchdPlist(argv, environ []string, dataDir string) string {
	esc := func(s string) string {
		var buf bytes.Buffer
		xml.EscapeText(&buf, []byte(s))
		return buf.String()
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>loci.daemon</string>
	<key>ProgramArguments</key>
	<array>
`)
	for _, a := range argv {
		fmt.Fprintf(&b, "\t\t<string>%s</string>\n", esc(a))
	}
	b.WriteString("\t</array>\n")
	if len(environ) > 0 {
		b.WriteString("\t<key>EnvironmentVariables</key>\n\t<dict>\n")
		for _, kv := range environ {
			k, v, _ := strings.Cut(kv, "=")
			fmt.Fprintf(&b, "\t\t<key>%s</key>\n\t\t<string>%s</string>\n", esc(k), esc(v))
		}
		b.WriteString("\t</dict>\n")
	}
	logPath := esc(filepath.Join(dataDir, "daemon.log"))
	fmt.Fprintf(&b, `	<key>RunAtLoad</key>
	<true/>
	<key>KeepAlive</key>
	<dict>
		<key>SuccessfulExit</key>
		<false/>
	</dict>
	<key>ThrottleInterval</key>
	<integer>60</integer>
	<key>StandardOutPath</key>
	<string>%s</string>
	<key>StandardErrorPath</key>
	<string>%s</string>
</dict>
</plist>
`, logPath, logPath)
	return b.String()
}
