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

from questions.models import Difficulty, KeyPoint, Question, Tag, Topic

TOPICS_FILE = "topics.yaml"
EXPORTED_QUESTION_FILE = re.compile(r"^[0-9]+-.+\.yaml$")  # NN-slug.yaml, as export_bank names them
REQUIRED_FIELDS = ("slug", "topic", "difficulty", "suggested_minutes", "prompt", "model_answer", "key_points")
OPTIONAL_FIELDS = ("tags", "common_mistakes", "is_active")
FIELD_ORDER = (
    "slug",
    "topic",
    "difficulty",
    "suggested_minutes",
    "tags",
    "is_active",
    "prompt",
    "model_answer",
    "key_points",
    "common_mistakes",
)
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


@dataclass
class QuestionEntry:
    file: str
    slug: str
    topic: str
    difficulty: str
    suggested_minutes: int
    prompt: str
    model_answer: str
    key_points: list[str]
    tags: list[str] = field(default_factory=list)
    common_mistakes: str = ""
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

    prompt = _text(data, "prompt", file, problems)
    model_answer = _text(data, "model_answer", file, problems)
    common_mistakes = _text(data, "common_mistakes", file, problems, required=False)

    key_points = _key_points(data, file, problems) if "key_points" in data else []
    tags = _tags(data, file, problems)

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
        tags=tags,
        common_mistakes=common_mistakes,
        is_active=is_active,
    )


def _key_points(data: dict, file: str, problems: list[Problem]) -> list[str]:
    value = data["key_points"]
    if not isinstance(value, list):
        problems.append(Problem(file, "key_points", "must be a list of short statements (- ...)"))
        return []
    points = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(file, f"key_points[{index}]", "must be non-empty text"))
        elif len(item.strip()) > KEY_POINT_LENGTH:
            problems.append(Problem(file, f"key_points[{index}]", f"is longer than {KEY_POINT_LENGTH} characters"))
        else:
            points.append(item.strip())
    low, high = KEY_POINTS
    if not value:
        problems.append(Problem(file, "key_points", f"has no key points (give {low} to {high})"))
    elif not low <= len(value) <= high:
        problems.append(Problem(file, "key_points", f"has {len(value)} key points (give {low} to {high})"))
    return points


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
        if any(topic.slug == slug for topic in topics):
            problems.append(Problem(file, f"{where}.slug", f"{slug!r} is listed twice"))
        if any(topic.name == name for topic in topics):
            problems.append(Problem(file, f"{where}.name", f"{name!r} is listed twice"))
        if slug and name:
            topics.append(TopicEntry(slug=slug, name=name, position=position))
    return topics


def question_files(path: Path) -> tuple[Path | None, list[Path]]:
    """The topics file (if any) and the question files of a file or folder, in name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))
        topics = next((p for p in files if p.name == TOPICS_FILE), None)
        return topics, [p for p in files if p.name != TOPICS_FILE]
    if path.name == TOPICS_FILE:
        return path, []
    return None, [path]


def read_bank(path: Path, create_topics: bool = False) -> tuple[list[TopicEntry], list[QuestionEntry]]:
    """Reads and checks every file under `path` against itself and the database; raises
    BankError with every problem found (not just the first) and writes nothing."""
    problems: list[Problem] = []
    if not path.exists():
        raise BankError([Problem(str(path), "(path)", "does not exist")])
    topics_file, files = question_files(path)
    topics = read_topics(topics_file, problems) if topics_file else []
    if not files and not topics_file:
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
    if problems:
        raise BankError(problems)
    return topics, entries


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


def import_bank(path: Path, create_topics: bool = False) -> ImportResult:
    """Checks everything first (BankError, nothing written), then writes all of it in one
    transaction. Idempotent: a question whose file did not change is not saved again, so its
    version, content hash and updated_at stay as they were."""
    topics, entries = read_bank(path, create_topics=create_topics)
    result = ImportResult()
    with transaction.atomic():
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
        by_slug[entry.slug] = Topic.objects.create(slug=entry.slug, name=entry.name, position=entry.position)
        result.topics_created.append(entry.slug)
    elif (topic.name, topic.position) != (entry.name, entry.position):
        topic.name, topic.position = entry.name, entry.position
        topic.save()
        result.topics_updated.append(entry.slug)


def _save_question(entry: QuestionEntry, topic: Topic, result: ImportResult) -> None:
    question = Question.objects.filter(slug=entry.slug).first()
    created = question is None
    if created:
        question = Question(slug=entry.slug)
    fields = {
        "topic_id": topic.pk,
        "difficulty": entry.difficulty,
        "suggested_minutes": entry.suggested_minutes,
        "prompt": entry.prompt,
        "model_answer": entry.model_answer,
        "common_mistakes": entry.common_mistakes,
        "is_active": entry.is_active,
    }
    changed = created or any(getattr(question, name) != value for name, value in fields.items())
    if changed:
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()

    if created or list(question.key_points.values_list("text", flat=True)) != entry.key_points:
        question.key_points.all().delete()
        KeyPoint.objects.bulk_create(
            KeyPoint(question=question, position=position, text=text)
            for position, text in enumerate(entry.key_points, start=1)
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


def question_document(question: Question) -> dict:
    document = {
        "slug": question.slug,
        "topic": question.topic.slug,
        "difficulty": question.difficulty,
        "suggested_minutes": question.suggested_minutes,
        "tags": _FlowList(tag.name for tag in question.tags.all()),
        "is_active": question.is_active,
        "prompt": question.prompt,
        "model_answer": question.model_answer,
        "key_points": [point.text for point in question.key_points.all()],
        "common_mistakes": question.common_mistakes,
    }
    # Leave out what the shipped files leave out: defaults that say nothing.
    if question.is_active:
        del document["is_active"]
    if not document["tags"]:
        del document["tags"]
    if not question.common_mistakes:
        del document["common_mistakes"]
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
    topics = [{"slug": topic.slug, "name": topic.name} for topic in Topic.objects.order_by("position", "name")]
    questions = list(Question.objects.order_by("pk").select_related("topic").prefetch_related("key_points", "tags"))
    width = max(2, len(str(len(questions))))
    files = {path / TOPICS_FILE: _dump(topics)}
    for number, question in enumerate(questions, start=1):
        files[path / f"{number:0{width}d}-{question.slug}.yaml"] = _dump(question_document(question))

    path.mkdir(parents=True, exist_ok=True)
    if replace:
        for file in yaml_files(path):
            if file.name == TOPICS_FILE or EXPORTED_QUESTION_FILE.match(file.name):
                file.unlink()
    for file, text in files.items():
        file.write_text(text, encoding="utf-8")
    return list(files)
