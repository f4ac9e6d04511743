package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"loci/config"
)

func configCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the effective settings and file paths",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := e.loadConfig(); err != nil {
				return err
			}
			db, _ := e.dbPath()
			fmt.Fprintf(e.stdout, "settings file  %s\ndatabase       %s\ndata directory %s\n\n", e.cfg.Path, db, config.DataDir())
			for _, k := range config.Keys {
				v, _ := e.cfg.Get(k.Name)
				origin := "default"
				if e.cfg.IsSet(k.Name) {
					origin = "set"
				}
				if v == "" {
					v = `""`
				}
				fmt.Fprintf(e.stdout, "%-18s %-22s %-8s %s\n", k.Name, clip(v, 22), origin, k.Doc)
			}
			return nil
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "get KEY",
		Short: "Print one setting",
		Args:  exactArgs(1, "a setting name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.loadConfig(); err != nil {
				return err
			}
			v, err := e.cfg.Get(args[0])
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintln(e.stdout, v)
			return nil
		},
	}, configSetCmd(e))
	return cmd
}

// configSetCmd is "config set KEY VALUE". Flags end at KEY, so that a
// negative number such as "new_per_day -3" is read as a value and refused
// with the valid range, not taken for a flag.
func configSetCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Change one setting (checked before it is written)",
		Args:  exactArgs(2, "a setting name and a value"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.loadConfig(); err != nil {
				return err
			}
			if err := e.cfg.Set(args[0], args[1]); err != nil {
				return usageError{err}
			}
			v, _ := e.cfg.Get(args[0])
			fmt.Fprintf(e.stdout, "%s = %s\n", args[0], v)
			return nil
		},
	}
	cmd.Flags().SetInterspersed(false)
	return cmd
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
