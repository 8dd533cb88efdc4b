package bot

import "github.com/compassbot/compass/content"

// smallTalk answers a message that is only small talk (the matcher's
// Understanding.SmallTalk): a greeting or a question about the bot gets
// what the bot can do, thanks an invitation to ask more, a goodbye a
// goodbye. Nothing is guessed from such a message.
func (c *conversation) smallTalk(kind string) Reply {
	region, topics := c.regionName(c.region()), c.topicNames()
	switch kind {
	case content.SmallTalkThanks:
		return c.reply(tr(c.lang, "smalltalk_thanks", "region", region), c.topicsButton())
	case content.SmallTalkBye:
		return c.reply(tr(c.lang, "smalltalk_bye"))
	case content.SmallTalkAbout:
		return c.reply(tr(c.lang, "smalltalk_about", "region", region, "topics", topics), c.topicsButton(), c.humanButton())
	}
	return c.reply(tr(c.lang, "welcome", "region", region, "topics", topics), c.menuRow())
}
