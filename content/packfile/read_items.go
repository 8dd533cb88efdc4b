package packfile

import (
	"strings"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// intent reads one intent file. The topic may be left out when it is the
// id's prefix; a different topic is an error.
func (l *loader) intent(o *origin, n *yaml.Node) *content.Intent {
	in := &content.Intent{File: o.file}
	topic := ""
	if !o.mapping(n, "", intentFields, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			in.ID = o.str(v, key)
		case "topic":
			topic = o.str(v, key)
		case "region":
			in.Region = o.str(v, key)
		case "source":
			in.Source = o.str(v, key)
		case "reviewed":
			in.Reviewed = o.date(v, key)
		case "services":
			in.Services = o.strs(v, key)
		case "translations":
			o.mapping(v, key, nil, func(lang string, v *yaml.Node) {
				if in.Translations == nil {
					in.Translations = map[string]*content.Translation{}
				}
				in.Translations[lang] = o.translation(join(key, lang), v)
			})
		}
	}) {
		return nil
	}
	l.origins[in] = o
	in.Topic, _, _ = strings.Cut(in.ID, ".")
	if topic != "" && topic != in.Topic {
		o.failAt("topic", "is %q but the id %q says %q (leave topic out or make them agree)", topic, in.ID, in.Topic)
	}
	return in
}

func (o *origin) translation(field string, n *yaml.Node) *content.Translation {
	t := &content.Translation{}
	o.mapping(n, field, translationFields, func(key string, v *yaml.Node) {
		path := join(field, key)
		switch key {
		case "title":
			t.Title = o.str(v, path)
		case "examples":
			t.Examples = o.strs(v, path)
		case "keywords":
			t.Keywords = o.strs(v, path)
		case "status":
			t.Status = content.TranslationStatus(o.str(v, path))
		case "answer":
			t.Answer = o.str(v, path)
		}
	})
	return t
}

// service reads one service file.
func (l *loader) service(o *origin, n *yaml.Node) *content.Service {
	s := &content.Service{File: o.file}
	if !o.mapping(n, "", serviceFields, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			s.ID = o.str(v, key)
		case "region":
			s.Region = o.str(v, key)
		case "topics":
			s.Topics = o.strs(v, key)
		case "kinds":
			s.Kinds = o.strs(v, key)
		case "name":
			s.Name = o.text(v, key)
		case "address":
			s.Address = o.str(v, key)
		case "geo":
			s.Geo = o.geo(key, v)
		case "phone":
			s.Phone = o.str(v, key)
		case "url":
			s.URL = o.str(v, key)
		case "source":
			s.Source = o.str(v, key)
		case "languages":
			s.Languages = o.strs(v, key)
		case "by_appointment":
			s.ByAppointment = o.boolean(v, key)
		case "hours":
			s.Hours, s.HolidayHours = o.hours(v, key)
		case "exceptions":
			s.Exceptions = o.exceptions(v, key, exceptionFields)
		}
	}) {
		return nil
	}
	l.origins[s] = o
	return s
}

// geo reads {lat, lon}; both are required.
func (o *origin) geo(field string, n *yaml.Node) *content.Geo {
	if isNull(deref(n)) {
		return nil
	}
	g, has := &content.Geo{}, map[string]bool{}
	o.mapping(n, field, geoFields, func(key string, v *yaml.Node) {
		has[key] = true
		switch key {
		case "lat":
			g.Lat = o.float(v, join(field, key))
		case "lon":
			g.Lon = o.float(v, join(field, key))
		}
	})
	for _, k := range geoFields {
		if !has[k] && deref(n).Kind == yaml.MappingNode {
			o.fail(n, join(field, k), "missing (geo needs both lat and lon)")
		}
	}
	return g
}
