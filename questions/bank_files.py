"""The question bank as files: reading and checking YAML question files, writing them to the
database in one go, and writing the database back out in the same format.

The format (one question per `NN-slug.yaml`, plus an optional `topics.yaml`) is what
questions/bank/ ships; `import_questions` and `export_questions` are thin wrappers around
`import_bank()` and `export_bank()`.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from questions.models import Area, Difficulty, KeyPoint, Kind, Question, Tag, Topic
from questions.sql import SqlError, expected_result

TOPICS_FILE = "topics.yaml"
TAGS_FILE = "tags.yaml"
EXPORTED_QUESTION_FILE = re.compile(r"^[0-9]+-.+\.yaml$")  # NN-slug.yaml, as export_bank names them
REQUIRED_FIELDS = ("slug", "topic", "difficulty", "suggested_minutes", "prompt", "model_answer", "key_points")
OPTIONAL_FIELDS = ("kind", "tags", "headline", "common_mistakes", "follow_ups", "sql", "is_active")
FIELD_ORDER = (
    "slug",
    "topic",
    "kind",
    "difficulty",
    "suggested_minutes",
    "tags",
    "is_active",
    "prompt",
    "headline",
    "model_answer",
    "key_points",
    "common_mistakes",
    "follow_ups",
    "sql",
)
SQL_FIELDS = ("schema", "data", "model_query", "ordered")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_SLUG_LENGTH = 3
# Lengths come from the columns, so a file the check accepts always fits the database.
QUESTION_SLUG_LENGTH = Question._meta.get_field("slug").max_length
TOPIC_SLUG_LENGTH = Topic._meta.get_field("slug").max_length
TOPIC_NAME_LENGTH = Topic._meta.get_field("name").max_length
TAG_LENGTH = Tag._meta.get_field("name").max_length
MAX_TAGS = 5
KEY_POINTS = (3, 7)
KEY_POINT_LENGTH = KeyPoint._meta.get_field("text").max_length
MAX_ALIASES = 3
MAX_FOLLOW_UPS = 3
HEADLINE_WORDS = 40
MINUTES = (1, 30)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class BankError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the question files")


@dataclass
class TopicEntry:
    slug: str
    name: str
    position: int
    area: str = Area.MACHINE_LEARNING


@dataclass(frozen=True)
class KeyPointEntry:
    text: str
    aliases: tuple[str, ...] = ()


@dataclass
class SqlEntry:
    schema: str
    data: str
    model_query: str
    ordered: bool
    expected: dict


@dataclass
class QuestionEntry:
    file: str
    slug: str
    topic: str
    difficulty: str
    suggested_minutes: int
    prompt: str
    model_answer: str
    key_points: list[KeyPointEntry]
    kind: str = Kind.CONCEPT
    headline: str = ""
    tags: list[str] = field(default_factory=list)
    common_mistakes: str = ""
    follow_ups: list[str] = field(default_factory=list)
    sql: SqlEntry | None = None
    is_active: bool = True


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    topics_created: list[str] = field(default_factory=list)
    topics_updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.topics_created or self.topics_updated)


# ---------------------------------------------------------------------------------------------
# Reading and checking
# ---------------------------------------------------------------------------------------------


def _load_yaml(path: Path, problems: list[Problem]):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(path.name, "(file)", "is not UTF-8 text"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(path.name, "(yaml)", f"malformed YAML{where}: {reason}"))
    return None


def _text(data: dict, name: str, file: str, problems: list[Problem], where: str = "", required: bool = True) -> str:
    """The stripped text of an optional or required field; an absent field is "" here (the
    callers report missing fields once, up front)."""
    where = where or name
    value = data.get(name)
    if value is None:
        if required and name in data:
            problems.append(Problem(file, where, "is empty"))
        return ""
    if not isinstance(value, str):
        problems.append(Problem(file, where, f"must be text, not {type(value).__name__}"))
        return ""
    value = value.strip()
    if required and not value:
        problems.append(Problem(file, where, "is empty"))
    return value


def _slug(value: str, file: str, name: str, problems: list[Problem], longest: int) -> None:
    if value and not (SLUG_PATTERN.match(value) and MIN_SLUG_LENGTH <= len(value) <= longest):
        problems.append(
            Problem(
                file,
                name,
                f"{value!r} must be {MIN_SLUG_LENGTH} to {longest} lowercase letters, digits and single hyphens",
            )
        )


def read_question(data, file: str, problems: list[Problem]) -> QuestionEntry | None:
    """Checks one question file's parsed YAML; problems go to `problems`, each naming a field."""
    if not isinstance(data, dict):
        problems.append(Problem(file, "(file)", "must be a YAML mapping of fields (slug: ..., topic: ...)"))
        return None
    before = len(problems)
    for name in REQUIRED_FIELDS:
        if name not in data:
            problems.append(Problem(file, name, "is missing"))
    for name in data:
        if name not in REQUIRED_FIELDS and name not in OPTIONAL_FIELDS:
            problems.append(Problem(file, str(name), f"unknown field (expected one of: {', '.join(FIELD_ORDER)})"))

    slug = _text(data, "slug", file, problems)
    _slug(slug, file, "slug", problems, QUESTION_SLUG_LENGTH)
    topic = _text(data, "topic", file, problems)
    _slug(topic, file, "topic", problems, TOPIC_SLUG_LENGTH)

    difficulty = data.get("difficulty")
    if "difficulty" in data and difficulty not in Difficulty.values:
        problems.append(Problem(file, "difficulty", f"{difficulty!r} must be one of {', '.join(Difficulty.values)}"))

    minutes = data.get("suggested_minutes")
    if "suggested_minutes" in data and (
        not isinstance(minutes, int) or isinstance(minutes, bool) or not MINUTES[0] <= minutes <= MINUTES[1]
    ):
        problems.append(
            Problem(file, "suggested_minutes", f"{minutes!r} must be a whole number from {MINUTES[0]} to {MINUTES[1]}")
        )

    kind = data.get("kind", Kind.CONCEPT)
    if kind not in Kind.values:
        problems.append(Problem(file, "kind", f"{kind!r} must be one of {', '.join(Kind.values)}"))

    prompt = _text(data, "prompt", file, problems)
    headline = _text(data, "headline", file, problems, required=False)
    if len(headline.split()) > HEADLINE_WORDS:
        problems.append(Problem(file, "headline", f"has {len(headline.split())} words (at most {HEADLINE_WORDS})"))
    model_answer = _text(data, "model_answer", file, problems)
    common_mistakes = _text(data, "common_mistakes", file, problems, required=False)

    key_points = _key_points(data, file, problems) if "key_points" in data else []
    tags = _tags(data, file, problems)
    follow_ups = _follow_ups(data, file, problems)
    sql = _sql(data, kind, file, problems)

    is_active = data.get("is_active", True)
    if not isinstance(is_active, bool):
        problems.append(Problem(file, "is_active", f"{is_active!r} must be true or false"))

    if len(problems) > before:
        return None
    return QuestionEntry(
        file=file,
        slug=slug,
        topic=topic,
        difficulty=difficulty,
        suggested_minutes=minutes,
        prompt=prompt,
        model_answer=model_answer,
        key_points=key_points,
        kind=kind,
        headline=headline,
        tags=tags,
        common_mistakes=common_mistakes,
        follow_ups=follow_ups,
        sql=sql,
        is_active=is_active,
    )


def _short_text(item, file: str, where: str, problems: list[Problem]) -> str | None:
    """A key point or an alias: non-empty text that fits the key point column."""
    if not isinstance(item, str) or not item.strip():
        problems.append(Problem(file, where, "must be non-empty text"))
    elif len(item.strip()) > KEY_POINT_LENGTH:
        problems.append(Problem(file, where, f"is longer than {KEY_POINT_LENGTH} characters"))
    else:
        return item.strip()
    return None


def _key_points(data: dict, file: str, problems: list[Problem]) -> list[KeyPointEntry]:
    """Each point is text, or {text: ..., aliases: [...]} with other ways of saying it."""
    value = data["key_points"]
    if not isinstance(value, list):
        problems.append(Problem(file, "key_points", "must be a list of short statements (- ...)"))
        return []
    points = []
    for index, item in enumerate(value, start=1):
        where = f"key_points[{index}]"
        aliases: list[str] = []
        if isinstance(item, dict):
            if unknown := set(item) - {"text", "aliases"}:
                problems.append(Problem(file, where, f"unknown field {sorted(unknown)[0]!r} (expected text, aliases)"))
            raw_aliases = item.get("aliases") or []
            if not isinstance(raw_aliases, list) or len(raw_aliases) > MAX_ALIASES:
                problems.append(Problem(file, f"{where}.aliases", f"must be a list of at most {MAX_ALIASES} phrases"))
                raw_aliases = []
            for number, alias in enumerate(raw_aliases, start=1):
                if (text := _short_text(alias, file, f"{where}.aliases[{number}]", problems)) is not None:
                    aliases.append(text)
            item = item.get("text")
        if (text := _short_text(item, file, where, problems)) is not None:
            points.append(KeyPointEntry(text, tuple(aliases)))
    low, high = KEY_POINTS
    if not value:
        problems.append(Problem(file, "key_points", f"has no key points (give {low} to {high})"))
    elif not low <= len(value) <= high:
        problems.append(Problem(file, "key_points", f"has {len(value)} key points (give {low} to {high})"))
    return points


def _follow_ups(data: dict, file: str, problems: list[Problem]) -> list[str]:
    value = data.get("follow_ups")
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_FOLLOW_UPS:
        problems.append(Problem(file, "follow_ups", f"must be a list of at most {MAX_FOLLOW_UPS} questions"))
        return []
    questions = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(file, f"follow_ups[{index}]", "must be non-empty text"))
        else:
            questions.append(item.strip())
    return questions


def _sql(data: dict, kind: str, file: str, problems: list[Problem]) -> SqlEntry | None:
    """A SQL question's tables and model query; the model query is run on them here, so a file
    whose schema, data or query fails never reaches the database."""
    value = data.get("sql")
    if value is None:
        if kind == Kind.SQL:
            problems.append(Problem(file, "sql", "is missing: a SQL question needs schema, data and model_query"))
        return None
    if kind != Kind.SQL:
        problems.append(Problem(file, "sql", "is only for questions of kind sql"))
        return None
    if not isinstance(value, dict):
        problems.append(Problem(file, "sql", "must be a mapping with schema, data, model_query and ordered"))
        return None
    before = len(problems)
    for name in value:
        if name not in SQL_FIELDS:
            problems.append(Problem(file, f"sql.{name}", f"unknown field (expected one of: {', '.join(SQL_FIELDS)})"))
    texts = {}
    for name in ("schema", "data", "model_query"):
        if name not in value:
            problems.append(Problem(file, f"sql.{name}", "is missing"))
        texts[name] = _text(value, name, file, problems, where=f"sql.{name}")
    ordered = value.get("ordered", False)
    if not isinstance(ordered, bool):
        problems.append(Problem(file, "sql.ordered", f"{ordered!r} must be true or false"))
    if len(problems) > before:
        return None
    try:
        expected = expected_result(texts["schema"], texts["data"], texts["model_query"])
    except SqlError as error:
        part, _, message = str(error).partition(": ")
        field_name = f"sql.{part}" if part in ("schema", "data") else "sql.model_query"
        problems.append(Problem(file, field_name, message if part in ("schema", "data") else str(error)))
        return None
    return SqlEntry(texts["schema"], texts["data"], texts["model_query"], ordered, expected)


def _tags(data: dict, file: str, problems: list[Problem]) -> list[str]:
    value = data.get("tags")
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(file, "tags", "must be a list such as [outliers, robust-statistics]"))
        return []
    if len(value) > MAX_TAGS:
        problems.append(Problem(file, "tags", f"has {len(value)} tags (at most {MAX_TAGS})"))
    tags = []
    for index, tag in enumerate(value, start=1):
        if not isinstance(tag, str) or not SLUG_PATTERN.match(tag) or len(tag) > TAG_LENGTH:
            problems.append(
                Problem(
                    file, f"tags[{index}]", f"{tag!r} must be lowercase words joined by hyphens, up to {TAG_LENGTH}"
                )
            )
        elif tag not in tags:
            tags.append(tag)
    return tags


def read_topics(path: Path, problems: list[Problem]) -> list[TopicEntry]:
    data = _load_yaml(path, problems)
    file = path.name
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(file, "(file)", "must be a list of topics (- slug: ...\\n  name: ...)"))
        return []
    topics: list[TopicEntry] = []
    for position, item in enumerate(data, start=1):
        where = f"[{position}]"
        if not isinstance(item, dict):
            problems.append(Problem(file, where, "must be a mapping with slug and name"))
            continue
        for name in ("slug", "name"):
            if name not in item:
                problems.append(Problem(file, f"{where}.{name}", "is missing"))
        slug = _text(item, "slug", file, problems, where=f"{where}.slug")
        _slug(slug, file, f"{where}.slug", problems, TOPIC_SLUG_LENGTH)
        name = _text(item, "name", file, problems, where=f"{where}.name")
        if len(name) > TOPIC_NAME_LENGTH:
            problems.append(Problem(file, f"{where}.name", f"is longer than {TOPIC_NAME_LENGTH} characters"))
        area = item.get("area", Area.MACHINE_LEARNING)
        if area not in Area.values:
            problems.append(Problem(file, f"{where}.area", f"{area!r} must be one of {', '.join(Area.values)}"))
        if any(topic.slug == slug for topic in topics):
            problems.append(Problem(file, f"{where}.slug", f"{slug!r} is listed twice"))
        if any(topic.name == name for topic in topics):
            problems.append(Problem(file, f"{where}.name", f"{name!r} is listed twice"))
        if slug and name and area in Area.values:
            topics.append(TopicEntry(slug=slug, name=name, position=position, area=area))
    return topics


def read_tags(path: Path, problems: list[Problem]) -> list[str]:
    """The tag vocabulary: a YAML list of tag names."""
    data = _load_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(path.name, "(file)", "must be a list of tags (- name)"))
        return []
    tags = []
    for index, tag in enumerate(data, start=1):
        if not isinstance(tag, str) or not SLUG_PATTERN.match(tag) or len(tag) > TAG_LENGTH:
            problems.append(Problem(path.name, f"[{index}]", f"{tag!r} must be lowercase words joined by hyphens"))
        elif tag in tags:
            problems.append(Problem(path.name, f"[{index}]", f"{tag!r} is listed twice"))
        else:
            tags.append(tag)
    return tags


@dataclass
class BankFiles:
    topics: Path | None = None
    tags: Path | None = None
    questions: list[Path] = field(default_factory=list)


def question_files(path: Path) -> BankFiles:
    """The topics and tags files (if any) and the question files of a file or folder, in name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))
        return BankFiles(
            topics=next((p for p in files if p.name == TOPICS_FILE), None),
            tags=next((p for p in files if p.name == TAGS_FILE), None),
            questions=[p for p in files if p.name not in (TOPICS_FILE, TAGS_FILE)],
        )
    if path.name == TOPICS_FILE:
        return BankFiles(topics=path)
    if path.name == TAGS_FILE:
        return BankFiles(tags=path)
    return BankFiles(questions=[path])


def read_question_files(path: Path) -> list[QuestionEntry]:
    """The questions of the files under `path`, each checked on its own, without the database
    (no topic or tag look-up): for tools that only read the content. Raises BankError."""
    problems: list[Problem] = []
    entries = []
    for file in question_files(path).questions:
        before = len(problems)
        data = _load_yaml(file, problems)
        entry = read_question(data, file.name, problems) if len(problems) == before else None
        if entry is not None:
            entries.append(entry)
    if problems:
        raise BankError(problems)
    return entries


@dataclass
class Bank:
    topics: list[TopicEntry]
    tags: list[str]
    questions: list[QuestionEntry]


def read_bank(path: Path, create_topics: bool = False, create_tags: bool = False) -> Bank:
    """Reads and checks every file under `path` against itself and the database; raises
    BankError with every problem found (not just the first) and writes nothing. A tag must be
    in the folder's tags.yaml or already known, unless `create_tags`."""
    problems: list[Problem] = []
    if not path.exists():
        raise BankError([Problem(str(path), "(path)", "does not exist")])
    bank_files = question_files(path)
    topics_file, files = bank_files.topics, bank_files.questions
    topics = read_topics(topics_file, problems) if topics_file else []
    tags = read_tags(bank_files.tags, problems) if bank_files.tags else []
    if not files and not topics_file and not bank_files.tags:
        problems.append(Problem(str(path), "(path)", "has no .yaml question files"))

    entries: list[QuestionEntry] = []
    seen: dict[str, str] = {}
    for file in files:
        before = len(problems)
        data = _load_yaml(file, problems)
        entry = read_question(data, file.name, problems) if len(problems) == before else None
        if entry is None:
            continue
        if entry.slug in seen:
            problems.append(Problem(file.name, "slug", f"{entry.slug!r} is also the slug of {seen[entry.slug]}"))
            continue
        seen[entry.slug] = file.name
        entries.append(entry)

    known = {topic.slug for topic in topics} | set(Topic.objects.values_list("slug", flat=True))
    if not create_topics:
        for entry in entries:
            if entry.topic not in known:
                problems.append(
                    Problem(
                        entry.file,
                        "topic",
                        f"unknown topic {entry.topic!r}: add it to {TOPICS_FILE} or import with --create-topics",
                    )
                )
    _check_topic_names(topics, topics_file, entries, known if create_topics else None, problems)
    if not create_tags:
        vocabulary = set(tags) | set(Tag.objects.values_list("name", flat=True))
        for entry in entries:
            for index, tag in enumerate(entry.tags, start=1):
                if tag not in vocabulary:
                    problems.append(
                        Problem(
                            entry.file,
                            f"tags[{index}]",
                            f"unknown tag {tag!r}: add it to {TAGS_FILE} or import with --create-tags",
                        )
                    )
    if problems:
        raise BankError(problems)
    return Bank(topics, tags, entries)


def new_topic_name(slug: str) -> str:
    """The name --create-topics gives a topic: 'product-sense' becomes 'Product sense'."""
    return slug.replace("-", " ").capitalize()


def _check_topic_names(
    topics: list[TopicEntry],
    topics_file: Path | None,
    entries: list[QuestionEntry],
    known: set[str] | None,
    problems: list[Problem],
) -> None:
    """Topic names are unique: checks the names every topic will have after the import (`known`
    holds the topics that exist or are listed when --create-topics is on, None otherwise), so
    that a clash is a problem line rather than an IntegrityError halfway through writing."""
    listed = {topic.slug for topic in topics}
    # Topics that topics.yaml does not list keep their names.
    kept = {name: slug for slug, name in Topic.objects.values_list("slug", "name") if slug not in listed}
    for topic in topics:
        if owner := kept.get(topic.name):
            problems.append(
                Problem(topics_file.name, f"[{topic.position}].name", f"{topic.name!r} is already topic {owner!r}")
            )
    if known is None:
        return
    names = kept | {topic.name: topic.slug for topic in topics}
    created: set[str] = set()
    for entry in entries:
        if entry.topic in known or entry.topic in created:
            continue  # one problem per new topic, on the first file that uses it
        created.add(entry.topic)
        name = new_topic_name(entry.topic)
        if owner := names.get(name):
            problems.append(
                Problem(
                    entry.file,
                    "topic",
                    f"a new topic {entry.topic!r} would be named {name!r}, which is already the name of topic "
                    f"{owner!r}: add {entry.topic!r} to {TOPICS_FILE} with another name",
                )
            )


# ---------------------------------------------------------------------------------------------
# Writing to the database
# ---------------------------------------------------------------------------------------------


def import_bank(path: Path, create_topics: bool = False, create_tags: bool = False) -> ImportResult:
    """Checks everything first (BankError, nothing written), then writes all of it in one
    transaction. Idempotent: a question whose file did not change is not saved again, so its
    version, content hash and updated_at stay as they were."""
    bank = read_bank(path, create_topics=create_topics, create_tags=create_tags)
    topics, entries = bank.topics, bank.questions
    result = ImportResult()
    with transaction.atomic():
        known_tags = set(Tag.objects.values_list("name", flat=True))
        Tag.objects.bulk_create(Tag(name=name) for name in bank.tags if name not in known_tags)
        by_slug = {topic.slug: topic for topic in Topic.objects.all()}
        _free_names(topics, by_slug)
        for entry in topics:
            _save_topic(entry, by_slug, result)
        next_position = max((topic.position for topic in by_slug.values()), default=0) + 1
        for entry in entries:
            if entry.topic not in by_slug:
                by_slug[entry.topic] = Topic.objects.create(
                    slug=entry.topic, name=new_topic_name(entry.topic), position=next_position
                )
                next_position += 1
                result.topics_created.append(entry.topic)
        for entry in entries:
            _save_question(entry, by_slug[entry.topic], result)
    return result


def _free_names(entries: list[TopicEntry], by_slug: dict[str, Topic]) -> None:
    """topics.yaml may hand a name from one topic to another (a swap: statistics becomes "SQL"
    while sql becomes "Statistics"). Names are unique, so every topic giving its name away is
    first renamed to a placeholder; _save_topic then gives it its new name, which read_bank
    made sure it has (a topic that is not listed keeps its name and cannot give it away)."""
    holders = {topic.name: topic for topic in by_slug.values()}
    taken = set(holders) | {entry.name for entry in entries}
    for entry in entries:
        holder = holders.get(entry.name)
        if holder is None or holder.slug == entry.slug:
            continue
        placeholder, number = f"(renaming {holder.slug})", 1
        while placeholder in taken:
            number += 1
            placeholder = f"(renaming {holder.slug} {number})"
        taken.add(placeholder)
        holder.name = placeholder
        holder.save(update_fields=["name"])


def _save_topic(entry: TopicEntry, by_slug: dict[str, Topic], result: ImportResult) -> None:
    topic = by_slug.get(entry.slug)
    if topic is None:
        by_slug[entry.slug] = Topic.objects.create(
            slug=entry.slug, name=entry.name, position=entry.position, area=entry.area
        )
        result.topics_created.append(entry.slug)
    elif (topic.name, topic.position, topic.area) != (entry.name, entry.position, entry.area):
        topic.name, topic.position, topic.area = entry.name, entry.position, entry.area
        topic.save()
        result.topics_updated.append(entry.slug)


def _save_question(entry: QuestionEntry, topic: Topic, result: ImportResult) -> None:
    question = Question.objects.filter(slug=entry.slug).first()
    created = question is None
    if created:
        question = Question(slug=entry.slug)
    sql = entry.sql
    fields = {
        "topic_id": topic.pk,
        "kind": entry.kind,
        "difficulty": entry.difficulty,
        "suggested_minutes": entry.suggested_minutes,
        "prompt": entry.prompt,
        "headline": entry.headline,
        "model_answer": entry.model_answer,
        "common_mistakes": entry.common_mistakes,
        "follow_ups": entry.follow_ups,
        "sql_schema": sql.schema if sql else "",
        "sql_data": sql.data if sql else "",
        "sql_model_query": sql.model_query if sql else "",
        "sql_ordered": sql.ordered if sql else False,
        "sql_expected": sql.expected if sql else None,
        "is_active": entry.is_active,
    }
    changed = created or any(getattr(question, name) != value for name, value in fields.items())
    if changed:
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()

    stored = [
        KeyPointEntry(text, tuple(aliases)) for text, aliases in question.key_points.values_list("text", "aliases")
    ]
    if created or stored != entry.key_points:
        question.key_points.all().delete()
        KeyPoint.objects.bulk_create(
            KeyPoint(question=question, position=position, text=point.text, aliases=list(point.aliases))
            for position, point in enumerate(entry.key_points, start=1)
        )
        changed = True

    if created or sorted(question.tags.values_list("name", flat=True)) != sorted(entry.tags):
        question.tags.set([Tag.objects.get_or_create(name=name)[0] for name in entry.tags])
        changed = True

    question.record_version()
    if created:
        result.created.append(entry.slug)
    elif changed:
        result.updated.append(entry.slug)
    else:
        result.unchanged.append(entry.slug)


# ---------------------------------------------------------------------------------------------
# Writing files
# ---------------------------------------------------------------------------------------------


class _FlowList(list):
    pass


class _BankDumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks (so Markdown and TeX backslashes read as written), tags as
    a one-line list, everything else as PyYAML would write it."""


def _represent_text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow_list(dumper: yaml.SafeDumper, value: _FlowList):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_BankDumper.add_representer(str, _represent_text)
_BankDumper.add_representer(_FlowList, _represent_flow_list)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_BankDumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def _key_point_document(point: KeyPoint):
    return {"text": point.text, "aliases": list(point.aliases)} if point.aliases else point.text


def question_document(question: Question) -> dict:
    document = {
        "slug": question.slug,
        "topic": question.topic.slug,
        "kind": question.kind,
        "difficulty": question.difficulty,
        "suggested_minutes": question.suggested_minutes,
        "tags": _FlowList(tag.name for tag in question.tags.all()),
        "is_active": question.is_active,
        "prompt": question.prompt,
        "headline": question.headline,
        "model_answer": question.model_answer,
        "key_points": [_key_point_document(point) for point in question.key_points.all()],
        "common_mistakes": question.common_mistakes,
        "follow_ups": list(question.follow_ups),
    }
    if question.kind == Kind.SQL:
        document["sql"] = {
            "schema": question.sql_schema,
            "data": question.sql_data,
            "model_query": question.sql_model_query,
            "ordered": question.sql_ordered,
        }
    # Leave out what the shipped files leave out: defaults that say nothing.
    if question.is_active:
        del document["is_active"]
    for name in ("tags", "headline", "common_mistakes", "follow_ups"):
        if not document[name]:
            del document[name]
    return document


def yaml_files(path: Path) -> list[Path]:
    """The .yaml files directly in the folder `path` (none if it does not exist)."""
    return sorted(p for p in path.glob("*.yaml") if p.is_file()) if path.is_dir() else []


def export_bank(path: Path, replace: bool = False) -> list[Path]:
    """Writes topics.yaml and one NN-slug.yaml per question (retired ones included) into the
    folder `path`, numbered in the order the questions were added. Returns the files written.

    Files from an earlier export would be imported with the new ones (deleted questions coming
    back, one slug in two files), so `replace` first deletes the folder's NN-*.yaml files and
    topics.yaml, and nothing else; the caller decides whether a folder holding them may be used."""
    topics = [
        {"slug": topic.slug, "name": topic.name, "area": topic.area}
        for topic in Topic.objects.order_by("position", "name")
    ]
    questions = list(Question.objects.order_by("pk").select_related("topic").prefetch_related("key_points", "tags"))
    width = max(2, len(str(len(questions))))
    files = {
        path / TOPICS_FILE: _dump(topics),
        path / TAGS_FILE: _dump(list(Tag.objects.values_list("name", flat=True))),
    }
    for number, question in enumerate(questions, start=1):
        files[path / f"{number:0{width}d}-{question.slug}.yaml"] = _dump(question_document(question))

    path.mkdir(parents=True, exist_ok=True)
    if replace:
        for file in yaml_files(path):
            if file.name in (TOPICS_FILE, TAGS_FILE) or EXPORTED_QUESTION_FILE.match(file.name):
                file.unlink()
    for file, text in files.items():
        file.write_text(text, encoding="utf-8")
    return list(files)
