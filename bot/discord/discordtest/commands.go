package discordtest

import (
	"encoding/json"
	"net/http"
	"unicode/utf8"
)

// Command is an application command as registered.
type Command struct {
	ID                       string            `json:"id,omitempty"`
	ApplicationID            string            `json:"application_id,omitempty"`
	GuildID                  string            `json:"guild_id,omitempty"`
	Version                  string            `json:"version,omitempty"`
	Type                     int               `json:"type,omitempty"`
	Name                     string            `json:"name"`
	NameLocalizations        map[string]string `json:"name_localizations,omitempty"`
	Description              string            `json:"description"`
	DescriptionLocalizations map[string]string `json:"description_localizations,omitempty"`
	Options                  []Option          `json:"options"`
	DefaultMemberPermissions *string           `json:"default_member_permissions,omitempty"`
	DMPermission             *bool             `json:"dm_permission,omitempty"`
}

// Option is a command option.
type Option struct {
	Type                     int               `json:"type"`
	Name                     string            `json:"name"`
	NameLocalizations        map[string]string `json:"name_localizations,omitempty"`
	Description              string            `json:"description"`
	DescriptionLocalizations map[string]string `json:"description_localizations,omitempty"`
	Required                 bool              `json:"required"`
	Autocomplete             bool              `json:"autocomplete"`
	Choices                  []Choice          `json:"choices"`
	MinValue                 *float64          `json:"min_value,omitempty"`
	MaxLength                int               `json:"max_length,omitempty"`
}

// size is what Discord counts against a command's 4,000 characters:
// names, descriptions and choice values, in every locale.
func (c Command) size() int {
	n := utf8.RuneCountInString(c.Name) + utf8.RuneCountInString(c.Description)
	for _, v := range c.NameLocalizations {
		n += utf8.RuneCountInString(v)
	}
	for _, v := range c.DescriptionLocalizations {
		n += utf8.RuneCountInString(v)
	}
	for _, o := range c.Options {
		n += utf8.RuneCountInString(o.Name) + utf8.RuneCountInString(o.Description)
		for _, v := range o.NameLocalizations {
			n += utf8.RuneCountInString(v)
		}
		for _, v := range o.DescriptionLocalizations {
			n += utf8.RuneCountInString(v)
		}
		for _, ch := range o.Choices {
			n += utf8.RuneCountInString(ch.Name)
		}
	}
	return n
}

func (s *Server) putCommands(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.PathValue("app") != s.AppID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	var cmds []Command
	if err := json.Unmarshal(body, &cmds); err != nil {
		invalidForm(w, "body: not an array of commands: "+err.Error())
		return
	}
	if msg := checkCommands(cmds); msg != "" {
		invalidForm(w, msg)
		return
	}
	guild := r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	old := map[string]Command{}
	for _, c := range s.commands[guild] {
		old[c.Name] = c
	}
	for i := range cmds {
		c := &cmds[i]
		c.ApplicationID, c.GuildID = s.AppID, guild
		if c.Type == 0 {
			c.Type = 1
		}
		prev, ok := old[c.Name]
		switch {
		case !ok:
			c.ID, c.Version = s.newIDLocked(), s.newIDLocked()
		case sameCommand(prev, *c):
			c.ID, c.Version = prev.ID, prev.Version
		default:
			c.ID, c.Version = prev.ID, s.newIDLocked()
		}
	}
	s.commands[guild] = cmds
	writeJSON(w, http.StatusOK, cmds)
}

func sameCommand(a, b Command) bool {
	a.ID, a.Version, b.ID, b.Version = "", "", "", ""
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func (s *Server) getCommands(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.commands[r.PathValue("guild")]
	if cmds == nil {
		cmds = []Command{}
	}
	writeJSON(w, http.StatusOK, cmds)
}

// Commands returns the commands registered for a guild ("" for global).
func (s *Server) Commands(guild string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Command(nil), s.commands[guild]...)
}

// Command returns the registered command with this name, from the guild
// or else the global ones.
func (s *Server) Command(guild, name string) (Command, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range []string{guild, ""} {
		for _, c := range s.commands[g] {
			if c.Name == name {
				return c, true
			}
		}
	}
	return Command{}, false
}
