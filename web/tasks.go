package web

import (
	"net/http"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// tasksPage lists a family's tasks, with the form that adds one: about the
// family or a relative, with a due day and someone responsible. Tasks with
// a due day join the office's "needs action" list.
type tasksPage struct {
	teamHead
	Tasks []taskRow
	Staff []store.StaffMember
}

type taskRow struct {
	store.Task
	About    string
	Assignee string
	Overdue  bool
}

func (s *Server) tasks(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderTasks(w, r, a, "", http.StatusOK)
}

func (s *Server) renderTasks(w http.ResponseWriter, r *http.Request, a store.Actor, problem string, status int) {
	h, err := s.teamHeadOf(r, a, "team.tasks")
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	h.Problem = problem
	tasks, err := s.st.Tasks(r.Context(), a, h.ID)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p := tasksPage{teamHead: h}
	// The user's own office's staff: a partner assigns to its own people.
	if p.Staff, err = s.st.StaffMembers(r.Context(), a); err != nil {
		s.storeError(w, r, err)
		return
	}
	names := staffNames(p.Staff)
	today := reunite.DateOf(s.today())
	for _, tk := range tasks {
		p.Tasks = append(p.Tasks, taskRow{Task: tk, About: h.memberName(tk.MemberID), Assignee: names[tk.AssigneeID],
			Overdue: !tk.Done && !tk.Due.IsZero() && tk.Due.Before(today)})
	}
	s.render(w, r, status, "tasks", p)
}

func (s *Server) taskAdd(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if !s.parseTeamForm(w, r) {
		return
	}
	n := store.NewTask{FamilyID: r.PathValue("id"), MemberID: r.PostForm.Get("member"), Title: r.PostForm.Get("title"),
		AssigneeID: r.PostForm.Get("assignee")}
	if v := strings.TrimSpace(r.PostForm.Get("due")); v != "" {
		d, err := reunite.ParseDate(v)
		if err != nil {
			s.renderTasks(w, r, a, "due: "+err.Error(), http.StatusUnprocessableEntity)
			return
		}
		n.Due = d
	}
	_, err := s.st.AddTaskFor(r.Context(), a, n)
	if problem := s.eventProblem(w, r, err); problem != "" {
		s.renderTasks(w, r, a, problem, http.StatusUnprocessableEntity)
		return
	} else if err != nil {
		return
	}
	http.Redirect(w, r, "/families/"+n.FamilyID+"/tasks", http.StatusSeeOther)
}

func (s *Server) taskDone(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.CompleteTask(r.Context(), a, r.PathValue("task")); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+r.PathValue("id")+"/tasks", http.StatusSeeOther)
}
